import { namespaceNotInjected } from '../../../../../src/engine/analysis/rules/injection/namespace-not-injected';
import { deployment, named, namespace, run } from '../../fixtures';

describe('IST0102 namespace not injected', () => {
  test('reports a namespace with workloads and no injection label', () => {
    const findings = run(namespaceNotInjected, [namespace('shop'), deployment('web', 'shop')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0102', level: 'info' });
    expect(named(findings[0])).toEqual(['Namespace shop']);
    expect(findings[0].message).toContain('istio-injection=enabled');
  });

  test.each([
    ['injection enabled', { 'istio-injection': 'enabled' }],
    ['injection disabled on purpose', { 'istio-injection': 'disabled' }],
    ['a revision label', { 'istio.io/rev': 'canary' }],
    ['ambient mode', { 'istio.io/dataplane-mode': 'ambient' }],
  ])('accepts a namespace with %s', (_, labels) => {
    expect(run(namespaceNotInjected, [namespace('shop', labels), deployment('web', 'shop')])).toEqual([]);
  });

  test('counts only the workloads not enrolled in ambient mode one by one (pod label istio.io/dataplane-mode=ambient)', () => {
    const ambientPod = (name: string) => deployment(name, 'shop', { podLabels: { app: name, 'istio.io/dataplane-mode': 'ambient' } });
    expect(run(namespaceNotInjected, [namespace('shop'), ambientPod('web'), ambientPod('api')])).toEqual([]);
    const findings = run(namespaceNotInjected, [namespace('shop'), ambientPod('web'), deployment('api', 'shop')]);
    expect(findings.map(named)).toEqual([['Namespace shop']]);
    expect(findings[0].message).toContain('has 1 workload(s)');
  });

  test('ignores namespaces without workloads, the root namespace and kube-system', () => {
    const objects = [
      namespace('empty'),
      namespace('istio-system'),
      namespace('kube-system'),
      deployment('dns', 'kube-system'),
      deployment('x', 'istio-system'),
    ];
    expect(run(namespaceNotInjected, objects)).toEqual([]);
  });
});
