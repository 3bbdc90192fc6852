import { apiGroup, describeObject, isKubeObject } from '../../../src/engine/k8s/object';

describe('k8s object helpers', () => {
  test('recognizes objects with apiVersion, kind and metadata only', () => {
    expect(isKubeObject({ apiVersion: 'v1', kind: 'Pod', metadata: {} })).toBe(true);
    expect(isKubeObject({ apiVersion: 'v1', kind: 'Pod' })).toBe(false);
    expect(isKubeObject(['x'])).toBe(false);
  });

  test('describes namespaced and cluster-scoped objects', () => {
    expect(describeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'ns' } })).toBe('Pod ns/a');
    expect(describeObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } })).toBe('Namespace ns');
  });

  test('splits the API group from the version', () => {
    expect(apiGroup('security.istio.io/v1')).toBe('security.istio.io');
    expect(apiGroup('v1')).toBe('');
  });
});
