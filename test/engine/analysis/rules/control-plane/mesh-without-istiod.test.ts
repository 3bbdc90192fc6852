import { meshWithoutIstiod } from '../../../../../src/engine/analysis/rules/control-plane/mesh-without-istiod';
import { deployment, istiod, named, namespace, run } from '../../fixtures';

describe('CDK8SI020 no istiod in the input', () => {
  test('reports injected workloads without any istiod', () => {
    const findings = run(meshWithoutIstiod, [namespace('shop', { 'istio-injection': 'enabled' }), deployment('web', 'shop')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI020', level: 'info' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
  });

  test('accepts an input with istiod, or without injected workloads', () => {
    expect(run(meshWithoutIstiod, [istiod(), namespace('shop', { 'istio-injection': 'enabled' }), deployment('web', 'shop')])).toEqual([]);
    expect(run(meshWithoutIstiod, [namespace('shop'), deployment('web', 'shop')])).toEqual([]);
  });
});
