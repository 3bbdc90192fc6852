import { unknownRevision } from '../../../../../src/engine/analysis/rules/injection/unknown-revision';
import { deployment, injectionWebhook, istiod, named, namespace, run } from '../../fixtures';

describe('CDK8SI001 revision label names no control plane', () => {
  test('reports a namespace revision that no istiod has', () => {
    const findings = run(unknownRevision, [istiod('stable'), namespace('shop', { 'istio.io/rev': 'canary' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI001', level: 'warning' });
    expect(named(findings[0])).toEqual(['Namespace shop']);
    expect(findings[0].message).toContain("'canary' (known: stable)");
  });

  test('reports a pod revision label that no istiod has', () => {
    const findings = run(unknownRevision, [istiod(), deployment('web', 'shop', { podLabels: { app: 'web', 'istio.io/rev': 'old' } })]);
    expect(findings.map(named)).toEqual([['Deployment shop/web']]);
  });

  test('accepts a revision tag that points at an istiod of the input', () => {
    const tag = injectionWebhook('istio-revision-tag-prod', [], { 'istio.io/tag': 'prod', 'istio.io/rev': 'stable' });
    expect(run(unknownRevision, [istiod('stable'), tag, namespace('shop', { 'istio.io/rev': 'prod' })])).toEqual([]);
  });

  test('says nothing when no istiod is in the input', () => {
    expect(run(unknownRevision, [namespace('shop', { 'istio.io/rev': 'canary' })])).toEqual([]);
  });
});
