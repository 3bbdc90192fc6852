import { Stage } from '../../src/core/stage';
import { type KubeObject } from '../../src/engine/k8s/object';
import { classifyStage, type StageContext } from '../../src/synth/classify-stage';

const context: StageContext = { controlPlaneNamespaces: new Set(['istio-system']), fromControlPlane: false };

function obj(apiVersion: string, kind: string, name: string, namespace?: string): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
}

describe('classifyStage', () => {
  test('CustomResourceDefinitions go first', () => {
    expect(
      classifyStage(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'a.b.io'), { ...context, fromControlPlane: true }),
    ).toBe(Stage.crds());
  });

  test('Istio and Gateway API custom resources are policies, even in the control plane namespace', () => {
    expect(classifyStage(obj('security.istio.io/v1', 'PeerAuthentication', 'default', 'istio-system'), context)).toBe(Stage.policies());
    expect(classifyStage(obj('networking.istio.io/v1', 'VirtualService', 'r', 'shop'), context)).toBe(Stage.policies());
    expect(classifyStage(obj('gateway.networking.k8s.io/v1', 'HTTPRoute', 'r', 'shop'), context)).toBe(Stage.policies());
  });

  test("the control plane's namespace belongs to the control plane; other namespaces come after it", () => {
    expect(classifyStage(obj('v1', 'Namespace', 'istio-system'), context)).toBe(Stage.controlPlane());
    expect(classifyStage(obj('v1', 'Namespace', 'shop'), context)).toBe(Stage.namespaces());
  });

  test('objects rendered by the control plane, cluster-scoped ones included, are control plane', () => {
    const fromControlPlane = { ...context, fromControlPlane: true };
    expect(
      classifyStage(obj('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'istio-sidecar-injector'), fromControlPlane),
    ).toBe(Stage.controlPlane());
    expect(classifyStage(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'istiod'), fromControlPlane)).toBe(Stage.controlPlane());
  });

  test('anything in the control plane namespace is control plane (e.g. a cacerts secret istiod needs at start)', () => {
    expect(classifyStage(obj('v1', 'Secret', 'cacerts', 'istio-system'), context)).toBe(Stage.controlPlane());
  });

  test("a gateway's objects are workloads even in the control plane namespace: its pods need istiod's injector first", () => {
    const fromGateway = { ...context, fromGateway: true };
    expect(classifyStage(obj('apps/v1', 'Deployment', 'istio-ingressgateway', 'istio-system'), fromGateway)).toBe(Stage.workloads());
    expect(classifyStage(obj('v1', 'Service', 'istio-ingressgateway', 'istio-ingress'), fromGateway)).toBe(Stage.workloads());
  });

  test("a gateway's Namespace stays with the namespaces (or the control plane's, when it is that one)", () => {
    const fromGateway = { ...context, fromGateway: true };
    expect(classifyStage(obj('v1', 'Namespace', 'istio-ingress'), fromGateway)).toBe(Stage.namespaces());
    expect(classifyStage(obj('v1', 'Namespace', 'istio-system'), fromGateway)).toBe(Stage.controlPlane());
  });

  test('everything else is a workload', () => {
    expect(classifyStage(obj('apps/v1', 'Deployment', 'web', 'shop'), context)).toBe(Stage.workloads());
    expect(classifyStage(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader'), context)).toBe(Stage.workloads());
    expect(classifyStage(obj('example.com/v1', 'Widget', 'w', 'shop'), context)).toBe(Stage.workloads());
  });
});
