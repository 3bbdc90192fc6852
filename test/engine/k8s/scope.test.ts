import { type KubeObject } from '../../../src/engine/k8s/object';
import { ScopeTable } from '../../../src/engine/k8s/scope';

function obj(apiVersion: string, kind: string): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x' } };
}

function crd(group: string, kind: string, scope: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}` },
    spec: { group, scope, names: { kind } },
  };
}

describe('ScopeTable', () => {
  const table = ScopeTable.fromObjects([crd('example.com', 'Widget', 'Namespaced'), crd('example.com', 'Cluster', 'Cluster')]);

  test('built-in namespaced kinds are namespaced', () => {
    for (const [v, k] of [
      ['v1', 'ConfigMap'],
      ['apps/v1', 'Deployment'],
      ['rbac.authorization.k8s.io/v1', 'Role'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler'],
    ]) {
      expect(table.isNamespaced(obj(v, k))).toBe(true);
    }
  });

  test('built-in cluster-scoped kinds are not', () => {
    for (const [v, k] of [
      ['v1', 'Namespace'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
      ['networking.k8s.io/v1', 'IngressClass'],
    ]) {
      expect(table.isNamespaced(obj(v, k))).toBe(false);
    }
  });

  test('custom kinds take the scope of their CRD in the output', () => {
    expect(table.isNamespaced(obj('example.com/v1', 'Widget'))).toBe(true);
    expect(table.isNamespaced(obj('example.com/v1', 'Cluster'))).toBe(false);
  });

  test('custom kinds without a CRD in the output are unknown', () => {
    expect(table.isNamespaced(obj('example.org/v1', 'Gadget'))).toBeUndefined();
  });

  test('Istio and Gateway API kinds are known without their CRDs', () => {
    expect(table.isNamespaced(obj('security.istio.io/v1', 'PeerAuthentication'))).toBe(true);
    expect(table.isNamespaced(obj('gateway.networking.k8s.io/v1', 'HTTPRoute'))).toBe(true);
    expect(table.isNamespaced(obj('gateway.networking.k8s.io/v1', 'GatewayClass'))).toBe(false);
  });
});
