import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { type SourcedObject } from '../../../../../src/engine/analysis/rule';
import { egressHostNotRegistered } from '../../../../../src/engine/analysis/rules/gateways/egress-host-not-registered';
import { EXTERNAL_HOSTS_ANNOTATION } from '../../../../../src/model/external-hosts';
import { deployment, object } from '../../../../support/gateway-objects';

const meshConfig = (mode: string, name = 'istio') =>
  object('v1', 'ConfigMap', name, 'istio-system', undefined, {
    data: { mesh: `defaultConfig:\n  discoveryAddress: istiod:15012\noutboundTrafficPolicy:\n  mode: ${mode}\n` },
  });
const client = (hosts: string, labels: Record<string, string> = { app: 'client' }) =>
  deployment('client', 'shop', labels, { [EXTERNAL_HOSTS_ANNOTATION]: hosts });
const entry = (hosts: string[], ns = 'shop', exportTo?: string[]) =>
  object('networking.istio.io/v1', 'ServiceEntry', hosts[0].replace('*', 'wildcard'), ns, {
    hosts,
    ...(exportTo ? { exportTo } : {}),
    resolution: 'DNS',
  });
const check = (...objects: SourcedObject[]) => egressHostNotRegistered.check(new ObjectIndex(objects));

describe('egressHostNotRegistered', () => {
  test('fires for each declared host no ServiceEntry covers in a REGISTRY_ONLY mesh', () => {
    const findings = check(meshConfig('REGISTRY_ONLY'), client('api.stripe.com, api.github.com'), entry(['api.github.com']));
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI054']);
    expect(findings[0].message).toMatch(
      /Deployment shop\/client calls external host api.stripe.com .* REGISTRY_ONLY .* add a ServiceEntry for api.stripe.com/,
    );
  });

  test('counts wildcard ServiceEntries at any depth, and a wildcard declared host only under a wider wildcard', () => {
    expect(check(meshConfig('REGISTRY_ONLY'), client('a.b.example.com,*.example.com'), entry(['*.example.com']))).toEqual([]);
    expect(check(meshConfig('REGISTRY_ONLY'), client('*.example.com'), entry(['api.example.com']))).toHaveLength(1);
  });

  test('honours exportTo: an entry exported only to its own namespace does not cover other namespaces', () => {
    expect(check(meshConfig('REGISTRY_ONLY'), client('api.example.com'), entry(['api.example.com'], 'other', ['.']))).toHaveLength(1);
    expect(check(meshConfig('REGISTRY_ONLY'), client('api.example.com'), entry(['api.example.com'], 'other', ['shop']))).toEqual([]);
  });

  test('is quiet in an ALLOW_ANY mesh, without mesh config, and for in-cluster Services', () => {
    expect(check(meshConfig('ALLOW_ANY'), client('api.stripe.com'))).toEqual([]);
    expect(check(client('api.stripe.com'))).toEqual([]);
    const svc = object('v1', 'Service', 'payments', 'billing', { ports: [{ port: 80 }] });
    expect(check(meshConfig('REGISTRY_ONLY'), svc, client('payments.billing.svc.cluster.local'))).toEqual([]);
  });

  test('fires in an ALLOW_ANY mesh when a Sidecar sets REGISTRY_ONLY for the workload', () => {
    const sidecar = object('networking.istio.io/v1', 'Sidecar', 'default', 'shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    expect(check(meshConfig('ALLOW_ANY'), sidecar, client('api.stripe.com'))).toHaveLength(1);
  });
});
