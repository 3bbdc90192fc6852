import { uninjectedClient } from '../../../../../src/engine/analysis/rules/mtls/uninjected-client';
import { deployment, named, namespace, peerAuthentication, run } from '../../fixtures';

describe('CDK8SI011 uninjected client next to STRICT servers', () => {
  test('reports an uninjected workload when another namespace requires STRICT, naming the client and the policy', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('api', 'shop'),
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      namespace('legacy'),
      deployment('client', 'legacy'),
    ];
    const findings = run(uninjectedClient, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI011', level: 'error' });
    expect(named(findings[0])).toEqual(['Deployment legacy/client', 'PeerAuthentication shop/strict']);
  });

  test('accepts uninjected workloads when no in-mesh workload requires STRICT', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('api', 'shop'),
      peerAuthentication('p', 'shop', { mtls: { mode: 'PERMISSIVE' } }),
      namespace('legacy'),
      deployment('client', 'legacy'),
    ];
    expect(run(uninjectedClient, objects)).toEqual([]);
  });

  test('counts ambient workloads (namespace or pod label) as in the mesh, on both sides, but not pods that opt out', () => {
    const objects = [
      namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment('api', 'amb'),
      peerAuthentication('strict', 'amb', { mtls: { mode: 'STRICT' } }),
      namespace('legacy'),
      deployment('client', 'legacy', { podLabels: { app: 'client', 'istio.io/dataplane-mode': 'ambient' } }),
    ];
    expect(run(uninjectedClient, objects)).toEqual([]);
    const optOut = deployment('out', 'amb', { podLabels: { app: 'out', 'istio.io/dataplane-mode': 'none' } });
    expect(run(uninjectedClient, [...objects, optOut]).map(named)).toEqual([['Deployment amb/out', 'PeerAuthentication amb/strict']]);
  });

  test('accepts a mesh where every workload has a sidecar', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('api', 'shop'),
      deployment('client', 'shop'),
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
    ];
    expect(run(uninjectedClient, objects)).toEqual([]);
  });
});
