import { destinationRuleTlsConflict } from '../../../../../src/engine/analysis/rules/mtls/destination-rule-tls-conflict';
import { deployment, destinationRule, named, namespace, peerAuthentication, run, service } from '../../fixtures';

const MESH = [namespace('shop', { 'istio-injection': 'enabled' }), deployment('api', 'shop'), service('api', 'shop')];

describe('IST0113 DestinationRule TLS conflicts with STRICT mTLS', () => {
  test.each(['DISABLE', 'SIMPLE'])('reports tls mode %s towards STRICT workloads, naming the rule and the policy', (mode) => {
    const objects = [
      ...MESH,
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      destinationRule('api', 'other', { host: 'api.shop.svc.cluster.local', trafficPolicy: { tls: { mode } } }),
    ];
    const findings = run(destinationRuleTlsConflict, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0113', level: 'error' });
    expect(named(findings[0])).toEqual(['DestinationRule other/api', 'PeerAuthentication shop/strict']);
  });

  test('counts ambient workloads as STRICT servers in the mesh', () => {
    const objects = [
      namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment('api', 'amb'),
      service('api', 'amb'),
      peerAuthentication('strict', 'amb', { mtls: { mode: 'STRICT' } }),
      destinationRule('api', 'other', { host: 'api.amb.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
    ];
    expect(run(destinationRuleTlsConflict, objects).map(named)).toEqual([['DestinationRule other/api', 'PeerAuthentication amb/strict']]);
  });

  test("resolves short host names in the rule's namespace and port-level settings", () => {
    const objects = [
      ...MESH,
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      destinationRule('api', 'shop', {
        host: 'api',
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'DISABLE' } }] },
      }),
    ];
    expect(run(destinationRuleTlsConflict, objects)).toHaveLength(1);
  });

  test('accepts ISTIO_MUTUAL towards STRICT workloads', () => {
    const objects = [
      ...MESH,
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      destinationRule('api', 'shop', { host: 'api', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
    ];
    expect(run(destinationRuleTlsConflict, objects)).toEqual([]);
  });

  test('accepts DISABLE towards a port the workload leaves PERMISSIVE', () => {
    const objects = [
      ...MESH,
      peerAuthentication('api', 'shop', {
        selector: { matchLabels: { app: 'api' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { 8080: { mode: 'PERMISSIVE' } },
      }),
      destinationRule('api', 'shop', { host: 'api', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
    ];
    expect(run(destinationRuleTlsConflict, objects)).toEqual([]);
  });

  test("reports a subset's own tls mode though the top-level policy uses ISTIO_MUTUAL", () => {
    const objects = [
      ...MESH,
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      destinationRule('api', 'shop', {
        host: 'api',
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
        subsets: [{ name: 'v1', labels: { app: 'api' }, trafficPolicy: { tls: { mode: 'DISABLE' } } }],
      }),
    ];
    expect(run(destinationRuleTlsConflict, objects)).toHaveLength(1);
  });

  test.each(['http-alt', '8080'])('resolves targetPort %s to the container port the workload leaves PERMISSIVE', (targetPort) => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('api', 'shop', {
        containers: [{ name: 'api', image: 'example/app:1', ports: [{ name: 'http-alt', containerPort: 8080 }] }],
      }),
      service('api', 'shop', [{ name: 'http', port: 80, targetPort }]),
      peerAuthentication('api', 'shop', {
        selector: { matchLabels: { app: 'api' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { 8080: { mode: 'PERMISSIVE' } },
      }),
      destinationRule('api', 'shop', { host: 'api', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
    ];
    expect(run(destinationRuleTlsConflict, objects)).toEqual([]);
  });
});
