import { noDefaultInjector } from '../../../../../src/engine/analysis/rules/injection/no-default-injector';
import { deployment, injectionWebhook, istiod, named, namespace, preInjected, run } from '../../fixtures';

const defaultTag = (revision: string) =>
  injectionWebhook('istio-revision-tag-default', [], { 'istio.io/tag': 'default', 'istio.io/rev': revision });
const enabled = namespace('shop', { 'istio-injection': 'enabled' });
const optIn = deployment('web', 'plain', { podLabels: { app: 'web', 'sidecar.istio.io/inject': 'true' } });

describe('CDK8SI001 injection label with no default injector', () => {
  test('reports an istio-injection=enabled namespace when every istiod has a revision and no default tag exists', () => {
    const findings = run(noDefaultInjector, [istiod('1-29'), istiod('1-30'), enabled]);
    expect(findings.map((f) => [f.code, f.level])).toEqual([['CDK8SI001', 'warning']]);
    expect(named(findings[0])).toEqual(['Namespace shop']);
    expect(findings[0].message).toMatch(
      /Namespace shop has label istio-injection=enabled, which only the default injector serves, .*\(revisions and tags: 1-29, 1-30\).*label it istio.io\/rev=<one of those> instead, or add a revision tag 'default'/,
    );
  });

  test('reports a pod template that opts in with sidecar.istio.io/inject=true in an unlabeled namespace', () => {
    const findings = run(noDefaultInjector, [istiod('1-30'), namespace('plain'), optIn]);
    expect(findings.map(named)).toEqual([['Deployment plain/web']]);
    expect(findings[0].message).toMatch(/the pod template of Deployment plain\/web has label sidecar.istio.io\/inject=true/);
  });

  test('reports a gateway deployment without a revision label (the gateway chart default)', () => {
    const gateway = deployment('istio-ingressgateway', 'istio-ingress', {
      podLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway', 'sidecar.istio.io/inject': 'true' },
      containers: [{ name: 'istio-proxy', image: 'auto' }],
    });
    expect(run(noDefaultInjector, [istiod('1-30'), gateway]).map(named)).toEqual([['Deployment istio-ingress/istio-ingressgateway']]);
  });

  test('is quiet when an istiod without revision or a default tag pointing at an istiod of the input serves the default selectors', () => {
    expect(run(noDefaultInjector, [istiod(), istiod('1-30'), enabled, optIn])).toEqual([]);
    expect(run(noDefaultInjector, [istiod('1-30'), defaultTag('1-30'), enabled, optIn])).toEqual([]);
  });

  test('still reports when the default tag points at a revision that is not in the input (CDK8SI002 names the tag)', () => {
    expect(run(noDefaultInjector, [istiod('1-30'), defaultTag('1-29'), enabled])).toHaveLength(1);
  });

  test('is quiet for pods a revision label decides, pre-injected pods, opted-out pods, and inputs without istiod', () => {
    const byRevision = deployment('a', 'plain', { podLabels: { app: 'a', 'sidecar.istio.io/inject': 'true', 'istio.io/rev': '1-30' } });
    const inRevisionNamespace = deployment('b', 'rev', { podLabels: { app: 'b', 'sidecar.istio.io/inject': 'true' } });
    const already = preInjected('c', 'plain', { podLabels: { app: 'c', 'sidecar.istio.io/inject': 'true' } });
    const disabled = deployment('d', 'off', { podLabels: { app: 'd', 'sidecar.istio.io/inject': 'true' } });
    const objects = [namespace('rev', { 'istio.io/rev': '1-30' }), namespace('off', { 'istio-injection': 'disabled' })];
    expect(run(noDefaultInjector, [istiod('1-30'), ...objects, byRevision, inRevisionNamespace, already, disabled])).toEqual([]);
    expect(run(noDefaultInjector, [enabled, optIn])).toEqual([]);
  });
});
