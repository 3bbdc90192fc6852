import { defaultValidatorWithoutService } from '../../../../../src/engine/analysis/rules/upgrades/default-validator-without-service';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { istiod, named, run, service } from '../../fixtures';

function defaultValidator(serviceName: string): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'istiod-default-validator' },
    webhooks: [
      { name: 'validation.istio.io', clientConfig: { service: { name: serviceName, namespace: 'istio-system', path: '/validate' } } },
    ],
  };
}

describe('CDK8SI040 default validator targets a missing service', () => {
  test('reports a default validator whose istiod Service is gone (the old revision was removed)', () => {
    const findings = run(defaultValidatorWithoutService, [
      istiod('1-30-3'),
      service('istiod-1-30-3', 'istio-system'),
      defaultValidator('istiod-1-29-6'),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI040', level: 'error' });
    expect(findings[0].message).toContain('istio-system/istiod-1-29-6');
    expect(named(findings[0])).toEqual(['ValidatingWebhookConfiguration istiod-default-validator']);
  });

  test('names a webhook Service without namespace as the API server reads it, in default', () => {
    const validator = defaultValidator('istiod');
    const webhooks = [{ name: 'validation.istio.io', clientConfig: { service: { name: 'istiod', path: '/validate' } } }];
    const findings = run(defaultValidatorWithoutService, [istiod('1-30-3'), { ...validator, webhooks }]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('to Service default/istiod, which is not in the input')]);
    expect(run(defaultValidatorWithoutService, [istiod('1-30-3'), service('istiod', 'default'), { ...validator, webhooks }])).toEqual([]);
  });

  test('stays silent when the Service is in the input, or when the input holds no control plane', () => {
    expect(
      run(defaultValidatorWithoutService, [istiod('1-30-3'), service('istiod-1-30-3', 'istio-system'), defaultValidator('istiod-1-30-3')]),
    ).toEqual([]);
    expect(run(defaultValidatorWithoutService, [defaultValidator('istiod-1-29-6')])).toEqual([]);
  });
});
