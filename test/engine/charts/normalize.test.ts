import { normalizeRendered } from '../../../src/engine/charts/normalize';
import { UserError } from '../../../src/errors';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind, metadata: { name }, ...extra });

describe('normalizeRendered', () => {
  test('sets the namespace of namespaced kinds only', () => {
    const out = normalizeRendered(
      [
        obj('Service', 's'),
        { ...obj('ClusterRole', 'r'), apiVersion: 'rbac.authorization.k8s.io/v1' },
        { ...obj('MutatingWebhookConfiguration', 'm'), apiVersion: 'admissionregistration.k8s.io/v1' },
      ],
      'mesh',
      'test',
    );
    expect(out.map((o) => o.metadata.namespace)).toEqual(['mesh', undefined, undefined]);
  });

  test('keeps a namespace the chart set', () => {
    const out = normalizeRendered([{ ...obj('ConfigMap', 'c'), metadata: { name: 'c', namespace: 'other' } }], 'mesh', 'test');
    expect(out[0].metadata.namespace).toBe('other');
  });

  test('treats custom kinds as cluster-scoped when a rendered CRD says so', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.io' },
      spec: { scope: 'Cluster', names: { kind: 'Widget' } },
    };
    const out = normalizeRendered([crd, obj('Widget', 'w'), obj('Gadget', 'g')], 'mesh', 'test');
    expect(out.map((o) => o.metadata.namespace)).toEqual([undefined, undefined, 'mesh']);
  });

  test('adds divisor "0" to a resourceFieldRef without one and leaves others alone', () => {
    const env = [
      { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ];
    const [out] = normalizeRendered([obj('Pod', 'p', { spec: { containers: [{ name: 'c', env }] } })], 'mesh', 'test');
    const container = (out.spec as { containers: Array<{ env: typeof env }> }).containers[0];
    expect(container.env.map((e) => (e.valueFrom.resourceFieldRef as { divisor?: string }).divisor)).toEqual(['0', '1Mi']);
  });

  test('rejects a document that is not a Kubernetes object, naming its position', () => {
    expect(() => normalizeRendered([obj('Service', 's'), { hello: 'world' }], 'mesh', 'helm template x')).toThrow(UserError);
    expect(() => normalizeRendered([obj('Service', 's'), { hello: 'world' }], 'mesh', 'helm template x')).toThrow(
      /document 2 is not a Kubernetes object/,
    );
  });
});
