import { peerAuthenticationSelectorNoMatch } from '../../../../../src/engine/analysis/rules/mtls/selector-no-match';
import { deployment, named, peerAuthentication, run } from '../../fixtures';

describe('IST0127 PeerAuthentication selects no workload', () => {
  test('reports a selector no pod template matches', () => {
    const findings = run(peerAuthenticationSelectorNoMatch, [
      deployment('web', 'shop'),
      peerAuthentication('p', 'shop', { selector: { matchLabels: { app: 'wbe' } }, mtls: { mode: 'STRICT' } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0127', level: 'warning' });
    expect(named(findings[0])).toEqual(['PeerAuthentication shop/p']);
    expect(findings[0].message).toContain('app=wbe');
  });

  test('reports a selector policy in the root namespace, which Istio ignores', () => {
    const findings = run(peerAuthenticationSelectorNoMatch, [
      deployment('web', 'istio-system'),
      peerAuthentication('p', 'istio-system', { selector: { matchLabels: { app: 'web' } } }),
    ]);
    expect(findings[0].message).toContain('root namespace');
  });

  test('accepts a selector that matches a workload, and policies without selector', () => {
    const objects = [
      deployment('web', 'shop'),
      peerAuthentication('p', 'shop', { selector: { matchLabels: { app: 'web' } } }),
      peerAuthentication('ns', 'shop', { mtls: { mode: 'STRICT' } }),
    ];
    expect(run(peerAuthenticationSelectorNoMatch, objects)).toEqual([]);
  });
});
