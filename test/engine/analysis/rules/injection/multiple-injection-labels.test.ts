import { multipleInjectionLabels } from '../../../../../src/engine/analysis/rules/injection/multiple-injection-labels';
import { named, namespace, run } from '../../fixtures';

describe('IST0123 several injection labels', () => {
  test('reports istio-injection together with istio.io/rev', () => {
    const findings = run(multipleInjectionLabels, [namespace('shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0123', level: 'warning' });
    expect(named(findings[0])).toEqual(['Namespace shop']);
    expect(findings[0].message).toContain('istio-injection=enabled, istio.io/rev=canary');
  });

  test('accepts a single revision label', () => {
    expect(run(multipleInjectionLabels, [namespace('shop', { 'istio.io/rev': 'canary' })])).toEqual([]);
  });

  test('accepts a revision label when istio-injection=disabled switches injection off', () => {
    expect(run(multipleInjectionLabels, [namespace('shop', { 'istio-injection': 'disabled', 'istio.io/rev': 'canary' })])).toEqual([]);
  });
});
