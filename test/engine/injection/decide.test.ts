import { decideInjection, skipWarning } from '../../../src/engine/injection/decide';

describe('decideInjection', () => {
  const spec = { containers: [] };

  it('injects by default', () => {
    expect(decideInjection({}, spec)).toEqual({ inject: true });
  });

  it('skips host-network pods', () => {
    expect(decideInjection({}, { ...spec, hostNetwork: true })).toEqual({ inject: false, reason: 'host-network' });
  });

  it('skips pods annotated sidecar.istio.io/inject: "false"', () => {
    expect(decideInjection({ annotations: { 'sidecar.istio.io/inject': 'false' } }, spec).inject).toBe(false);
  });

  it('prefers the label over the annotation', () => {
    const meta = { labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } };
    expect(decideInjection(meta, spec).inject).toBe(true);
  });

  it('falls back to injecting for values other than true and false', () => {
    expect(decideInjection({ labels: { 'sidecar.istio.io/inject': 'maybe' } }, spec).inject).toBe(true);
  });

  it('skips pod templates in system namespaces', () => {
    expect(decideInjection({ namespace: 'kube-system' }, spec)).toEqual({ inject: false, reason: 'disabled' });
  });

  it('words the warning as kube-inject does', () => {
    expect(skipWarning('host-network', 'Deployment', 'sample/web')).toBe(
      '===> Skipping injection because Deployment "sample/web" has host networking enabled',
    );
    expect(skipWarning('disabled', '', 'web')).toBe('===> Skipping injection because "web" has sidecar injection disabled');
  });
});

describe('never-inject selectors', () => {
  const spec = { containers: [] };
  const selectors = [{ matchLabels: { batch: 'true' } }, { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }];

  it('skip matching pods without an explicit choice', () => {
    expect(decideInjection({ labels: { batch: 'true' } }, spec, selectors).inject).toBe(false);
    expect(decideInjection({ labels: { tier: 'db' } }, spec, selectors).inject).toBe(false);
    expect(decideInjection({ labels: { tier: 'web' } }, spec, selectors).inject).toBe(true);
  });

  it('give way to an explicit sidecar.istio.io/inject: "true"', () => {
    const meta = { labels: { batch: 'true', 'sidecar.istio.io/inject': 'true' } };
    expect(decideInjection(meta, spec, selectors).inject).toBe(true);
  });

  it('match nothing when empty', () => {
    expect(decideInjection({ labels: { a: 'b' } }, spec, [{}]).inject).toBe(true);
  });
});
