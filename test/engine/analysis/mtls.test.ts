import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { effectiveMode } from '../../../src/engine/analysis/mtls';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { deployment, peerAuthentication } from './fixtures';

function modeOf(objects: KubeObject[], port?: number): string {
  const idx = new ObjectIndex([deployment('web', 'shop'), ...objects].map((object) => ({ object })));
  const resolved = effectiveMode(idx, idx.workloads[0], port);
  return `${resolved.mode}${resolved.policy ? ` by ${resolved.policy.entry.object.metadata.name}` : ''}`;
}

const SELECTOR = { matchLabels: { app: 'web' } };

describe('effectiveMode', () => {
  test('defaults to PERMISSIVE without policies', () => {
    expect(modeOf([])).toBe('PERMISSIVE');
  });

  test('prefers workload over namespace over mesh', () => {
    const mesh = peerAuthentication('mesh', 'istio-system', { mtls: { mode: 'STRICT' } });
    const ns = peerAuthentication('ns', 'shop', { mtls: { mode: 'DISABLE' } });
    const wl = peerAuthentication('wl', 'shop', { selector: SELECTOR, mtls: { mode: 'PERMISSIVE' } });
    expect(modeOf([mesh])).toBe('STRICT by mesh');
    expect(modeOf([mesh, ns])).toBe('DISABLE by ns');
    expect(modeOf([mesh, ns, wl])).toBe('PERMISSIVE by wl');
  });

  test('lets UNSET inherit from the enclosing scope', () => {
    const ns = peerAuthentication('ns', 'shop', { mtls: { mode: 'STRICT' } });
    const wl = peerAuthentication('wl', 'shop', {
      selector: SELECTOR,
      mtls: { mode: 'UNSET' },
      portLevelMtls: { 8080: { mode: 'UNSET' } },
    });
    expect(modeOf([ns, wl])).toBe('STRICT by ns');
    expect(modeOf([ns, wl], 8080)).toBe('STRICT by ns');
  });

  test('applies port-level modes of the workload policy to their port only', () => {
    const wl = peerAuthentication('wl', 'shop', {
      selector: SELECTOR,
      mtls: { mode: 'STRICT' },
      portLevelMtls: { 8080: { mode: 'DISABLE' } },
    });
    expect(modeOf([wl], 8080)).toBe('DISABLE by wl');
    expect(modeOf([wl], 9090)).toBe('STRICT by wl');
  });

  test('uses the oldest of several namespace-wide policies', () => {
    const newer = peerAuthentication('newer', 'shop', { mtls: { mode: 'STRICT' } }, '2026-02-01T00:00:00Z');
    const older = peerAuthentication('older', 'shop', { mtls: { mode: 'DISABLE' } }, '2026-01-01T00:00:00Z');
    expect(modeOf([newer, older])).toBe('DISABLE by older');
  });
});
