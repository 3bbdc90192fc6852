import { preInjectedReinjected } from '../../../../../src/engine/analysis/rules/injection/pre-injected-reinjected';
import { named, namespace, preInjected, run } from '../../fixtures';

describe('CDK8SI003 pre-injected workload injected again', () => {
  test('reports a pre-injected workload in an injection-enabled namespace', () => {
    const findings = run(preInjectedReinjected, [namespace('shop', { 'istio-injection': 'enabled' }), preInjected('web', 'shop')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI003', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
  });

  test('accepts a pre-injected workload that opts out of the webhook', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      preInjected('web', 'shop', { podLabels: { app: 'web', 'sidecar.istio.io/inject': 'false' } }),
    ];
    expect(run(preInjectedReinjected, objects)).toEqual([]);
  });

  test('accepts a pre-injected workload in a namespace without injection', () => {
    expect(run(preInjectedReinjected, [namespace('shop'), preInjected('web', 'shop')])).toEqual([]);
  });
});
