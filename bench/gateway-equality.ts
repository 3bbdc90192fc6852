/**
 * Manual check (not a test): the objects IngressGateway and EgressGateway produce equal `helm template` of the real
 * gateway chart, object for object and field for field, with only the documented normalizations (namespace filled
 * in, nulls and empty annotations left out). Also compares the defaults with ../shared/reference/istio-1.30.3/.
 *
 *   npx tsc -b tsconfig.build.json && ISTIO_CHARTS_DIR=/path/to/istio-1.30.3/manifests/charts node lib/bench/gateway-equality.js
 *
 * Exits non-zero when anything differs beyond the normalizations.
 */
import * as path from 'path';
import { EgressGateway } from '../src/constructs/gateways/egress-gateway';
import { IngressGateway } from '../src/constructs/gateways/ingress-gateway';
import { type GatewayValues } from '../src/model/values/gateway-values';
import { type Case, runCases } from './control-plane-equality';

/** A case for IngressGateway with `values`, and the same values as `--set` flags for helm. */
function ingress(name: string, values: GatewayValues, helmArgs: readonly string[], reference?: string): Omit<Case, 'chartDir'> {
  return {
    name: `ingress ${name}`,
    release: 'istio-ingressgateway',
    namespace: 'istio-ingress',
    helmArgs,
    reference,
    build: (chart, sources, cacheDir) =>
      // No Istiod in these apps: a revision is declared installed elsewhere.
      new IngressGateway(chart, 'Gateway', {
        sources,
        renderCacheDir: cacheDir,
        createNamespace: false,
        values,
        externalRevision: values.revision !== undefined,
      }),
  };
}

function main(): void {
  const charts = process.env.ISTIO_CHARTS_DIR;
  if (!charts) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  const referenceDir = path.join(process.cwd(), '..', 'shared', 'reference', 'istio-1.30.3');
  const cases: Array<Omit<Case, 'chartDir'>> = [
    ingress('defaults', {}, [], 'gateway.default.yaml'),
    ingress(
      'NodePort with source ranges and Local traffic',
      { service: { type: 'NodePort', loadBalancerSourceRanges: ['203.0.113.0/24'], externalTrafficPolicy: 'Local' } },
      [
        '--set',
        'service.type=NodePort',
        '--set',
        'service.loadBalancerSourceRanges={203.0.113.0/24}',
        '--set',
        'service.externalTrafficPolicy=Local',
      ],
    ),
    ingress(
      'LoadBalancer with annotations and fixed ports',
      {
        service: {
          type: 'LoadBalancer',
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
          ports: [{ name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' }],
        },
      },
      [
        '--set',
        'service.type=LoadBalancer',
        '--set',
        'service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-type=nlb',
        '--set',
        'service.ports[0].name=http2',
        '--set',
        'service.ports[0].port=80',
        '--set',
        'service.ports[0].targetPort=8080',
        '--set',
        'service.ports[0].protocol=TCP',
      ],
    ),
    ingress(
      'autoscaling 2-6 with a PodDisruptionBudget',
      { autoscaling: { minReplicas: 2, maxReplicas: 6 }, podDisruptionBudget: { minAvailable: 1 } },
      ['--set', 'autoscaling.minReplicas=2', '--set', 'autoscaling.maxReplicas=6', '--set', 'podDisruptionBudget.minAvailable=1'],
    ),
    ingress(
      'fixed 3 replicas with a PodDisruptionBudget',
      { autoscaling: { enabled: false }, replicaCount: 3, podDisruptionBudget: { maxUnavailable: 1 } },
      ['--set', 'autoscaling.enabled=false', '--set', 'replicaCount=3', '--set', 'podDisruptionBudget.maxUnavailable=1'],
    ),
    ingress('revision canary', { revision: 'canary' }, ['--set', 'revision=canary']),
    {
      name: 'egress defaults',
      release: 'istio-egressgateway',
      namespace: 'istio-egress',
      helmArgs: ['--set', 'service.type=ClusterIP'],
      build: (chart, sources, cacheDir) =>
        new EgressGateway(chart, 'Gateway', { sources, renderCacheDir: cacheDir, createNamespace: false }),
    },
  ];
  const chartDir = path.join(charts, 'gateway');
  process.exitCode = runCases(
    cases.map((c) => ({ ...c, chartDir })),
    charts,
    referenceDir,
  )
    ? 1
    : 0;
}

if (require.main === module) main();
