import { strictWithoutSidecar } from '../../../../../src/engine/analysis/rules/mtls/strict-without-sidecar';
import { deployment, named, namespace, peerAuthentication, preInjected, run } from '../../fixtures';

describe('CDK8SI010 STRICT mTLS on a workload without sidecar', () => {
  test('reports a namespace-wide STRICT policy over an uninjected workload, naming both', () => {
    const findings = run(strictWithoutSidecar, [
      namespace('shop'),
      deployment('web', 'shop'),
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI010', level: 'error' });
    expect(named(findings[0])).toEqual(['Deployment shop/web', 'PeerAuthentication shop/default']);
  });

  test('reports a mesh-wide STRICT policy from the root namespace', () => {
    const findings = run(strictWithoutSidecar, [
      deployment('web', 'shop'),
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
    ]);
    expect(findings.map(named)).toEqual([['Deployment shop/web', 'PeerAuthentication istio-system/default']]);
  });

  test('reports a port-level STRICT override', () => {
    const pa = peerAuthentication('web', 'shop', {
      selector: { matchLabels: { app: 'web' } },
      mtls: { mode: 'PERMISSIVE' },
      portLevelMtls: { 8080: { mode: 'STRICT' } },
    });
    expect(run(strictWithoutSidecar, [deployment('web', 'shop'), pa])).toHaveLength(1);
  });

  test('accepts a workload-level PERMISSIVE policy that overrides namespace STRICT', () => {
    const objects = [
      deployment('web', 'shop'),
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('web', 'shop', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'PERMISSIVE' } }),
    ];
    expect(run(strictWithoutSidecar, objects)).toEqual([]);
  });

  test('accepts STRICT workloads that have a sidecar (webhook, pre-injected) or run in ambient mode', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('web', 'shop'),
      namespace('pre'),
      preInjected('api', 'pre'),
      namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment('db', 'amb'),
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
    ];
    expect(run(strictWithoutSidecar, objects)).toEqual([]);
  });

  test('ignores a workload-level policy in the root namespace, as Istio does', () => {
    const pa = peerAuthentication('web', 'istio-system', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' } });
    expect(run(strictWithoutSidecar, [deployment('web', 'istio-system'), pa])).toEqual([]);
  });
});
