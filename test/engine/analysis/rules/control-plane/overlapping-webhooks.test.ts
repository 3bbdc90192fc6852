import { overlappingWebhooks } from '../../../../../src/engine/analysis/rules/control-plane/overlapping-webhooks';
import { injectionWebhook, named, namespace, run } from '../../fixtures';

const BY_INJECTION_LABEL = {
  name: 'namespace.sidecar-injector.istio.io',
  namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } },
};
const revisionHook = (rev: string) => ({
  name: 'rev.namespace.sidecar-injector.istio.io',
  namespaceSelector: {
    matchExpressions: [
      { key: 'istio.io/rev', operator: 'In', values: [rev] },
      { key: 'istio-injection', operator: 'DoesNotExist' },
    ],
  },
});

describe('IST0139 injection webhooks overlap', () => {
  test('reports two webhooks that both inject a namespace, naming both configurations and the namespace', () => {
    const objects = [
      injectionWebhook('istio-sidecar-injector', [BY_INJECTION_LABEL], { 'istio.io/rev': 'default' }),
      injectionWebhook(
        'istio-sidecar-injector-canary',
        [{ name: 'canary.sidecar-injector.istio.io', namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } }],
        { 'istio.io/rev': 'canary' },
      ),
      namespace('shop', { 'istio-injection': 'enabled' }),
    ];
    const findings = run(overlappingWebhooks, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0139', level: 'error' });
    expect(named(findings[0])).toEqual([
      'MutatingWebhookConfiguration istio-sidecar-injector',
      'MutatingWebhookConfiguration istio-sidecar-injector-canary',
      'Namespace shop',
    ]);
  });

  test('reports a revision tag that selects the same revision label as the revision itself', () => {
    const objects = [
      injectionWebhook('istio-sidecar-injector-canary', [revisionHook('canary')], { 'istio.io/rev': 'canary' }),
      injectionWebhook('istio-revision-tag-canary', [revisionHook('canary')], { 'istio.io/tag': 'canary', 'istio.io/rev': 'canary' }),
      namespace('shop', { 'istio.io/rev': 'canary' }),
    ];
    expect(run(overlappingWebhooks, objects)).toHaveLength(1);
  });

  test('accepts revisions whose selectors are exclusive', () => {
    const objects = [
      injectionWebhook('istio-sidecar-injector', [BY_INJECTION_LABEL], { 'istio.io/rev': 'default' }),
      injectionWebhook('istio-sidecar-injector-canary', [revisionHook('canary')], { 'istio.io/rev': 'canary' }),
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('beta', { 'istio.io/rev': 'canary' }),
    ];
    expect(run(overlappingWebhooks, objects)).toEqual([]);
  });

  test("ignores webhooks that are not Istio's", () => {
    const objects = [
      injectionWebhook('istio-sidecar-injector', [BY_INJECTION_LABEL], { 'istio.io/rev': 'default' }),
      injectionWebhook('other-injector', [{ name: 'inject.example.com' }]),
      namespace('shop', { 'istio-injection': 'enabled' }),
    ];
    expect(run(overlappingWebhooks, objects)).toEqual([]);
  });
});
