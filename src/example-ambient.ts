// The ambient install as a cdk8s app: istio base, istiod, istio-cni and ztunnel with profile ambient, the Gateway API
// CRDs, and two ambient namespaces: `web` (a client, L4 only through ztunnel) and `shop`, whose waypoint enforces an
// L7 AuthorizationPolicy bound to it through targetRefs. One chart per concern, in apply order.
import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Waypoint } from './constructs/ambient/waypoint';
import { IstioBase } from './constructs/control-plane/istio-base';
import { IstioCni } from './constructs/control-plane/istio-cni';
import { Istiod } from './constructs/control-plane/istiod';
import { Ztunnel } from './constructs/control-plane/ztunnel';
import { GatewayApiCrds } from './constructs/gateway-api-crds';
import { MeshNamespace } from './constructs/mesh-namespace';
import { AuthorizationPolicy } from './constructs/policies/authorization-policy';
import { type ChartSource } from './engine/charts/chart-source';
import { type GatewayApiCrdsSource } from './engine/gateway-api/crd-source';
import { InjectionMode } from './model/injection-mode';
import { MeshApp, type MeshAppProps } from './synth/mesh-app';

export interface AmbientExampleOptions {
  /** The Gateway API install file (standard channel), e.g. `GatewayApiCrdsSource.url(<v1.5.1 url>, { sha256 })`. */
  readonly gatewayApiCrds: GatewayApiCrdsSource;
  /**
   * Where the Istio charts come from.
   * @default - `ISTIO_CHARTS_DIR` when set, then the official Helm repository (downloaded once, then cached)
   */
  readonly chartSources?: readonly ChartSource[];
  /** More MeshApp props (outdir, analysis...); the profile is always `ambient`. @default {} */
  readonly app?: Omit<MeshAppProps, 'profile'>;
}

/** The parts of the example that tests and callers look at. */
export interface AmbientExample {
  readonly app: MeshApp;
  readonly gatewayApiCrds: GatewayApiCrds;
  readonly ztunnel: Ztunnel;
  readonly istioCni: IstioCni;
}

/** Output files, one per chart, named so that sorting them gives the apply order. */
const AMBIENT_EXAMPLE_CHARTS = {
  gatewayApi: '00-gateway-api-crds',
  base: '01-istio-base',
  istiod: '02-istiod',
  cni: '03-istio-cni',
  ztunnel: '04-ztunnel',
  workloads: '05-workloads',
  security: '06-security',
} as const;

/** A MeshApp with profile ambient holding the ambient install (the app decides the profile for every chart). */
export function buildAmbientExampleApp(options: AmbientExampleOptions): AmbientExample {
  const app = new MeshApp({ ...options.app, profile: 'ambient' });
  const sources = options.chartSources;
  const charts = AMBIENT_EXAMPLE_CHARTS;

  const gatewayApiCrds = new GatewayApiCrds(new Chart(app, charts.gatewayApi), 'GatewayApi', { source: options.gatewayApiCrds });
  new IstioBase(new Chart(app, charts.base), 'IstioBase', { sources });
  new Istiod(new Chart(app, charts.istiod), 'Istiod', { sources });
  const istioCni = new IstioCni(new Chart(app, charts.cni), 'IstioCni', { sources });
  const ztunnel = new Ztunnel(new Chart(app, charts.ztunnel), 'Ztunnel', { sources });

  const workloads = new Chart(app, charts.workloads);
  new MeshNamespace(workloads, 'Web', { name: 'web', injection: InjectionMode.ambient() });
  const waypoint = new Waypoint(workloads, 'ShopWaypoint', { namespace: 'shop' });
  new MeshNamespace(workloads, 'Shop', { name: 'shop', injection: InjectionMode.ambient(), waypoint });
  const client = new kplus.ServiceAccount(workloads, 'FrontendAccount', { metadata: { name: 'frontend', namespace: 'web' } });
  app8080(workloads, 'Frontend', 'web', client);
  app8080(workloads, 'Reviews', 'shop');

  // L7 rules work only where a waypoint enforces them: the policy is bound to shop's waypoint, not to pods.
  new AuthorizationPolicy(new Chart(app, charts.security), 'ReviewsReaders', {
    name: 'reviews-readers',
    namespace: 'shop',
    targetRefs: [waypoint.targetRef],
    rules: [{ from: [{ principals: ['cluster.local/ns/web/sa/frontend'] }], to: [{ methods: ['GET'], paths: ['/reviews/*'] }] }],
  });
  return { app, gatewayApiCrds, ztunnel, istioCni };
}

/** A small HTTP service on 8080 (Deployment and Service named after `id`, lower case) in `namespace`. */
function app8080(scope: Chart, id: string, namespace: string, serviceAccount?: kplus.IServiceAccount): void {
  const name = id.toLowerCase();
  const deployment = new kplus.Deployment(scope, id, {
    metadata: { name, namespace },
    serviceAccount,
    automountServiceAccountToken: false,
    podMetadata: { labels: { app: name } },
    select: false,
    containers: [
      {
        name,
        image: 'hashicorp/http-echo:1.0',
        args: ['-listen=:8080', `-text=${name}`],
        ports: [{ number: 8080, name: 'http' }],
        securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 65532 },
        resources: {
          cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
          memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
        },
      },
    ],
  });
  deployment.select(kplus.LabelSelector.of({ labels: { app: name } }));
  const service = new kplus.Service(scope, `${id}Service`, {
    metadata: { name, namespace },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
  service.selectLabel('app', name);
}
