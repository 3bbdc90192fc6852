import { tagWithoutRevision } from '../../../../../src/engine/analysis/rules/injection/tag-without-revision';
import { injectionWebhook, istiod, named, run, service } from '../../fixtures';

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

describe('CDK8SI002 and the istiod Service of the tag', () => {
  const tagCalling = (serviceName: string) =>
    injectionWebhook(
      'istio-revision-tag-prod',
      [{ name: 'rev.namespace.sidecar-injector.istio.io', clientConfig: { service: { name: serviceName, namespace: 'istio-system' } } }],
      {
        'istio.io/tag': 'prod',
        'istio.io/rev': 'stable',
      },
    );

  test('reports a tag whose webhook calls an istiod Service that is not in the input', () => {
    const findings = run(tagWithoutRevision, [istiod('stable'), tagCalling('istiod-gone')]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('calls Service istio-system/istiod-gone, which is not in the input');
  });

  test('accepts a tag whose Service is in the input', () => {
    expect(run(tagWithoutRevision, [istiod('stable'), service('istiod-stable', 'istio-system'), tagCalling('istiod-stable')])).toEqual([]);
  });
});
