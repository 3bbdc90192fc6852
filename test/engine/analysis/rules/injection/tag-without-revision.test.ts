import { tagWithoutRevision } from '../../../../../src/engine/analysis/rules/injection/tag-without-revision';
import { injectionWebhook, istiod, named, run } from '../../fixtures';

describe('CDK8SI002 revision tag points at no control plane', () => {
  test('reports a tag whose revision has no istiod', () => {
    const tag = injectionWebhook('istio-revision-tag-prod', [], { 'istio.io/tag': 'prod', 'istio.io/rev': 'gone' });
    const findings = run(tagWithoutRevision, [istiod('stable'), tag]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI002', level: 'warning' });
    expect(named(findings[0])).toEqual(['MutatingWebhookConfiguration istio-revision-tag-prod']);
  });

  test('accepts a tag whose revision is in the input', () => {
    const tag = injectionWebhook('istio-revision-tag-prod', [], { 'istio.io/tag': 'prod', 'istio.io/rev': 'stable' });
    expect(run(tagWithoutRevision, [istiod('stable'), tag])).toEqual([]);
  });
});
