import { duplicateScopePolicies } from '../../../../../src/engine/analysis/rules/mtls/duplicate-scope-policies';
import { named, peerAuthentication, run } from '../../fixtures';

describe('CDK8SI013 several namespace-wide PeerAuthentications', () => {
  test('reports two namespace-wide policies and names the oldest as the one Istio uses', () => {
    const findings = run(duplicateScopePolicies, [
      peerAuthentication('newer', 'shop', { mtls: { mode: 'STRICT' } }, '2026-02-01T00:00:00Z'),
      peerAuthentication('older', 'shop', { mtls: { mode: 'PERMISSIVE' } }, '2026-01-01T00:00:00Z'),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI013', level: 'warning' });
    expect(named(findings[0])).toEqual(['PeerAuthentication shop/older', 'PeerAuthentication shop/newer']);
    expect(findings[0].message).toContain('uses only the oldest (PeerAuthentication shop/older');
  });

  test('reports two mesh-wide policies in the root namespace', () => {
    const findings = run(duplicateScopePolicies, [
      peerAuthentication('a', 'istio-system', {}),
      peerAuthentication('b', 'istio-system', {}),
    ]);
    expect(findings[0].message).toContain('mesh-wide');
  });

  test('accepts one namespace-wide policy next to workload-level ones', () => {
    const objects = [
      peerAuthentication('ns', 'shop', {}),
      peerAuthentication('w', 'shop', { selector: { matchLabels: { app: 'web' } } }),
      peerAuthentication('ns', 'other', {}),
    ];
    expect(run(duplicateScopePolicies, objects)).toEqual([]);
  });
});
