import { podInjectionLabelIgnored } from '../../../../../src/engine/analysis/rules/injection/pod-injection-label-ignored';
import { deployment, named, namespace, preInjected, run } from '../../fixtures';

describe('CDK8SI005 pod injection label overruled by its namespace', () => {
  test('reports sidecar.istio.io/inject=true in a namespace with injection disabled', () => {
    const findings = run(podInjectionLabelIgnored, [
      namespace('shop', { 'istio-injection': 'disabled' }),
      deployment('web', 'shop', { podLabels: { app: 'web', 'sidecar.istio.io/inject': 'true' } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI005', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
  });

  test('reports a pod revision that the namespace revision overrules', () => {
    const findings = run(podInjectionLabelIgnored, [
      namespace('shop', { 'istio.io/rev': 'stable' }),
      deployment('web', 'shop', { podLabels: { app: 'web', 'istio.io/rev': 'canary' } }),
    ]);
    expect(findings[0].message).toContain('istio.io/rev=stable');
  });

  test("reports gateway pods (istio-proxy image 'auto') whose revision the namespace overrules, not those CDK8SI057 reports", () => {
    const gateway = (ns: string) =>
      deployment('gw', ns, {
        podLabels: { app: 'gw', istio: 'gw', 'sidecar.istio.io/inject': 'true', 'istio.io/rev': 'canary' },
        containers: [{ name: 'istio-proxy', image: 'auto' }],
      });
    const findings = run(podInjectionLabelIgnored, [
      namespace('edge', { 'istio-injection': 'enabled' }),
      gateway('edge'),
      namespace('off', { 'istio-injection': 'disabled' }),
      gateway('off'),
    ]);
    expect(findings.flatMap(named)).toEqual(['Deployment edge/gw']);
  });

  test('accepts istio.io/rev=default in an istio-injection=enabled namespace: the same revision injects it', () => {
    const objects = [
      namespace('on', { 'istio-injection': 'enabled' }),
      deployment('web', 'on', { podLabels: { app: 'web', 'istio.io/rev': 'default' } }),
    ];
    expect(run(podInjectionLabelIgnored, objects)).toEqual([]);
    const other = [
      namespace('on', { 'istio-injection': 'enabled' }),
      deployment('web', 'on', { podLabels: { app: 'web', 'istio.io/rev': 'canary' } }),
    ];
    expect(run(podInjectionLabelIgnored, other).flatMap(named)).toEqual(['Deployment on/web']);
  });

  test('accepts pod labels in unlabeled namespaces, matching revisions, and pre-injected templates', () => {
    const objects = [
      namespace('plain'),
      deployment('a', 'plain', { podLabels: { app: 'a', 'sidecar.istio.io/inject': 'true' } }),
      deployment('b', 'plain', { podLabels: { app: 'b', 'istio.io/rev': 'canary' } }),
      namespace('rev', { 'istio.io/rev': 'canary' }),
      deployment('c', 'rev', { podLabels: { app: 'c', 'istio.io/rev': 'canary' } }),
      namespace('on', { 'istio-injection': 'enabled' }),
      preInjected('d', 'on', { podLabels: { app: 'd', 'istio.io/rev': 'default' } }),
    ];
    expect(run(podInjectionLabelIgnored, objects)).toEqual([]);
  });
});
