import * as fs from 'fs';
import * as path from 'path';
import { proxyNeverInjected } from '../../../../../src/engine/analysis/rules/gateways/proxy-never-injected';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { parseDocuments } from '../../../../../src/engine/yaml/documents';
import { deployment, named, namespace, run } from '../../fixtures';
import { REFERENCE_ISTIO } from '../../../../support/shared-data';

/** Pods as the gateway chart renders them: an istio-proxy of image 'auto' that opts in to injection. */
function gateway(ns: string, podLabels: Record<string, string> = {}, podSpec: Record<string, unknown> = {}): KubeObject {
  return deployment('gw', ns, {
    podLabels: { app: 'gw', istio: 'gw', 'sidecar.istio.io/inject': 'true', ...podLabels },
    containers: [{ name: 'istio-proxy', image: 'auto' }],
    podSpec,
  });
}

describe("CDK8SI057 image 'auto' that no webhook fills in", () => {
  test('reports gateway pods in a namespace labelled istio-injection=disabled, with the reason and the fix', () => {
    const findings = run(proxyNeverInjected, [namespace('edge', { 'istio-injection': 'disabled' }), gateway('edge')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI057', level: 'error' });
    expect(named(findings[0])).toEqual(['Deployment edge/gw']);
    expect(findings[0].message).toContain('namespace edge has istio-injection=disabled, so its pods never start; let a webhook inject');
  });

  test.each([
    ['a system namespace', [gateway('kube-system')], 'the injector skips namespace kube-system'],
    ['pods that opt out', [namespace('edge'), gateway('edge', { 'sidecar.istio.io/inject': 'false' })], 'its pods opt out'],
    ['the host network', [namespace('edge', { 'istio-injection': 'enabled' }), gateway('edge', {}, { hostNetwork: true })], 'host network'],
    [
      'a hand-written proxy without the opt-in label in an unlabelled namespace',
      [namespace('edge'), deployment('gw', 'edge', { containers: [{ name: 'istio-proxy', image: 'auto' }] })],
      'neither namespace edge nor its pods',
    ],
  ])('reports %s', (_what, objects: KubeObject[], reason) => {
    const findings = run(proxyNeverInjected, objects);
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI057']);
    expect(findings[0].message).toContain(reason);
  });

  test.each([
    ['an unlabelled namespace (the pods opt in)', [namespace('edge'), gateway('edge')]],
    ['an injecting namespace', [namespace('edge', { 'istio-injection': 'enabled' }), gateway('edge')]],
    ['a revision-labelled namespace', [namespace('edge', { 'istio.io/rev': 'canary' }), gateway('edge', { 'istio.io/rev': 'canary' })]],
    ['a namespace that is not in the input (labelled in the cluster)', [gateway('edge')]],
    [
      'a real proxy image in a disabled namespace (CDK8SI004 judges hand-written proxies)',
      [
        namespace('edge', { 'istio-injection': 'disabled' }),
        deployment('gw', 'edge', { containers: [{ name: 'istio-proxy', image: 'istio/proxyv2:1.30.3' }] }),
      ],
    ],
  ])('stays silent for %s', (_what, objects: KubeObject[]) => {
    expect(run(proxyNeverInjected, objects)).toEqual([]);
  });
});

// The real gateway chart's render (helm template of Istio 1.30.3), read at test time from ../shared/reference.
const REAL_GATEWAY = path.join(REFERENCE_ISTIO, 'gateway.default.yaml');
const available = fs.existsSync(REAL_GATEWAY);
if (!available) process.stderr.write(`skipping CDK8SI057 on the real gateway chart's render: ${REAL_GATEWAY} is absent\n`);

(available ? describe : describe.skip)("CDK8SI057 on the real gateway chart's render", () => {
  const objects = (): KubeObject[] => parseDocuments(fs.readFileSync(REAL_GATEWAY, 'utf-8')).map((d) => d.value as KubeObject);
  const workload = (all: KubeObject[]): KubeObject['metadata'] => all.find((o) => o.kind === 'Deployment')?.metadata ?? { name: 'none' };

  test('fires in a namespace with injection disabled', () => {
    const all = objects();
    const { name, namespace: ns = 'none' } = workload(all);
    const findings = run(proxyNeverInjected, [namespace(ns, { 'istio-injection': 'disabled' }), ...all]);
    expect(findings.flatMap(named)).toEqual([`Deployment ${ns}/${name}`]);
  });

  test('stays silent in an unlabelled namespace, where its own label opts in', () => {
    const all = objects();
    expect(run(proxyNeverInjected, [namespace(workload(all).namespace ?? 'none'), ...all])).toEqual([]);
  });
});
