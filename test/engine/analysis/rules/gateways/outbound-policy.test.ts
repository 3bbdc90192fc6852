import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { type SourcedObject } from '../../../../../src/engine/analysis/rule';
import { outboundMode } from '../../../../../src/engine/analysis/rules/gateways/outbound-policy';
import { deployment, object } from '../../../../support/gateway-objects';

const meshConfig = (name: string, mode: string) =>
  object('v1', 'ConfigMap', name, 'istio-system', undefined, { data: { mesh: `outboundTrafficPolicy:\n  mode: ${mode}\n` } });
const sidecar = (name: string, ns: string, mode: string, labels?: Record<string, string>) =>
  object('networking.istio.io/v1', 'Sidecar', name, ns, {
    ...(labels ? { workloadSelector: { labels } } : {}),
    outboundTrafficPolicy: { mode },
  });
const modeOf = (workload: SourcedObject, ...objects: SourcedObject[]) => {
  const index = new ObjectIndex([workload, ...objects]);
  return outboundMode(index, index.workloads[0]);
};
const web = deployment('web', 'shop', { app: 'web' });

describe('outboundMode', () => {
  test("is Istio's default ALLOW_ANY when the input sets nothing, or its mesh config cannot be parsed", () => {
    expect(modeOf(web)).toBe('ALLOW_ANY');
    expect(modeOf(web, object('v1', 'ConfigMap', 'istio', 'istio-system', undefined, { data: { mesh: 'outboundTrafficPolicy: [' } }))).toBe(
      'ALLOW_ANY',
    );
  });

  test("reads the mesh config of the workload's revision", () => {
    const canary = deployment('web', 'shop', { app: 'web', 'istio.io/rev': 'canary' });
    const configs = [meshConfig('istio', 'ALLOW_ANY'), meshConfig('istio-canary', 'REGISTRY_ONLY')];
    expect(modeOf(web, ...configs)).toBe('ALLOW_ANY');
    expect(modeOf(canary, ...configs)).toBe('REGISTRY_ONLY');
  });

  test('falls back to the only mesh config for a revision (tag) that names none', () => {
    expect(modeOf(deployment('web', 'shop', { app: 'web', 'istio.io/rev': 'prod' }), meshConfig('istio-1-30', 'REGISTRY_ONLY'))).toBe(
      'REGISTRY_ONLY',
    );
  });

  test("a Sidecar overrides the mesh config: the workload's own, then its namespace's, then the root namespace's", () => {
    const mesh = meshConfig('istio', 'REGISTRY_ONLY');
    expect(modeOf(web, mesh, sidecar('root', 'istio-system', 'ALLOW_ANY'))).toBe('ALLOW_ANY');
    expect(modeOf(web, mesh, sidecar('root', 'istio-system', 'ALLOW_ANY'), sidecar('ns', 'shop', 'REGISTRY_ONLY'))).toBe('REGISTRY_ONLY');
    expect(modeOf(web, mesh, sidecar('ns', 'shop', 'REGISTRY_ONLY'), sidecar('own', 'shop', 'ALLOW_ANY', { app: 'web' }))).toBe(
      'ALLOW_ANY',
    );
    expect(modeOf(web, mesh, sidecar('own', 'shop', 'ALLOW_ANY', { app: 'api' }))).toBe('REGISTRY_ONLY');
  });
});
