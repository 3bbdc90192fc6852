import { portLevelUnknownPort } from '../../../../../src/engine/analysis/rules/mtls/port-level-unknown-port';
import { deployment, named, peerAuthentication, run } from '../../fixtures';

const SELECTOR = { matchLabels: { app: 'web' } };

describe('CDK8SI012 port-level mTLS that applies to nothing', () => {
  test('reports a port no selected container declares (a Service port by mistake)', () => {
    const findings = run(portLevelUnknownPort, [
      deployment('web', 'shop'),
      peerAuthentication('p', 'shop', { selector: SELECTOR, portLevelMtls: { 80: { mode: 'DISABLE' } } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI012', level: 'warning' });
    expect(named(findings[0])).toEqual(['PeerAuthentication shop/p']);
    expect(findings[0].message).toContain('port(s) 80');
    expect(findings[0].message).toContain('declared: 8080');
  });

  test('reports port-level settings on a policy without selector', () => {
    const findings = run(portLevelUnknownPort, [
      deployment('web', 'shop'),
      peerAuthentication('p', 'shop', { portLevelMtls: { 8080: { mode: 'DISABLE' } } }),
    ]);
    expect(findings[0].message).toContain('no workload selector');
  });

  test('accepts a declared container port', () => {
    expect(
      run(portLevelUnknownPort, [
        deployment('web', 'shop'),
        peerAuthentication('p', 'shop', { selector: SELECTOR, portLevelMtls: { 8080: { mode: 'DISABLE' } } }),
      ]),
    ).toEqual([]);
  });
});
