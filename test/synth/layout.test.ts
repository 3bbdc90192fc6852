import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { isDeliveryObject, renderFiles } from '../../src/synth/layout';

function obj(kind: string, name: string, apiVersion = 'v1'): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'ns' } };
}

describe('isDeliveryObject', () => {
  test('Argo CD and Flux objects deliver the rest; kustomize config does not', () => {
    expect(isDeliveryObject(obj('Application', 'a', 'argoproj.io/v1alpha1'))).toBe(true);
    expect(isDeliveryObject(obj('Kustomization', 'k', 'kustomize.toolkit.fluxcd.io/v1'))).toBe(true);
    expect(isDeliveryObject(obj('Kustomization', 'k', 'kustomize.config.k8s.io/v1beta1'))).toBe(false);
  });
});

describe('renderFiles', () => {
  const placed = [
    { object: obj('ConfigMap', 'b'), file: '30-workloads/shop.k8s.yaml' },
    { object: obj('ConfigMap', 'a'), file: '30-workloads/shop.k8s.yaml' },
    { object: obj('ConfigMap', 'c'), file: '30-workloads/billing.k8s.yaml' },
    { object: obj('Namespace', 'shop'), file: '20-namespaces/shop.k8s.yaml' },
  ];

  test('objects keep their order within a file', () => {
    const files = renderFiles(placed, false);
    const names = parseDocuments(files.get('30-workloads/shop.k8s.yaml')!).map((d) => (d.value as KubeObject).metadata.name);
    expect(names).toEqual(['b', 'a']);
    expect([...files.keys()]).toEqual(['30-workloads/shop.k8s.yaml', '30-workloads/billing.k8s.yaml', '20-namespaces/shop.k8s.yaml']);
  });

  test('each folder gets a kustomization listing its files when asked', () => {
    const files = renderFiles(placed, true);
    const k = parseDocuments(files.get('30-workloads/kustomization.yaml') ?? '')[0].value;
    expect(k).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['shop.k8s.yaml', 'billing.k8s.yaml'],
    });
    expect(files.has('20-namespaces/kustomization.yaml')).toBe(true);
    expect(renderFiles(placed, false).has('20-namespaces/kustomization.yaml')).toBe(false);
  });
});
