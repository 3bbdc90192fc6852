import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { deployment, namespace, service } from './fixtures';

function index(objects: KubeObject[]): ObjectIndex {
  return new ObjectIndex(objects.map((object) => ({ object })));
}

describe('ObjectIndex', () => {
  test('finds workloads of every pod-running kind with their pod labels, annotations and containers', () => {
    const idx = index(
      ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'].map((kind) =>
        deployment(kind.toLowerCase(), 'shop', { kind, podAnnotations: { a: 'b' } }),
      ),
    );
    expect(idx.workloads.map((w) => w.object.kind)).toEqual([
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'Job',
      'CronJob',
      'Pod',
    ]);
    const cron = idx.workloads.find((w) => w.object.kind === 'CronJob')!;
    expect(cron.podLabels).toEqual({ app: 'cronjob' });
    expect(cron.podAnnotations).toEqual({ a: 'b' });
    expect(cron.containers.map((c) => c.name)).toEqual(['cronjob']);
  });

  test('matches selectors within a namespace only, an empty selector matching all', () => {
    const idx = index([
      deployment('a', 'shop', { podLabels: { app: 'a', tier: 'web' } }),
      deployment('b', 'shop', { podLabels: { app: 'b', tier: 'web' } }),
      deployment('c', 'other', { podLabels: { app: 'c', tier: 'web' } }),
    ]);
    expect(idx.workloadsMatching('shop', { tier: 'web' }).map((w) => w.object.metadata.name)).toEqual(['a', 'b']);
    expect(idx.workloadsMatching('shop', { tier: 'web', app: 'b' }).map((w) => w.object.metadata.name)).toEqual(['b']);
    expect(idx.workloadsMatching('shop', {}).map((w) => w.object.metadata.name)).toEqual(['a', 'b']);
    expect(idx.workloadsMatching('shop', { tier: 'db' })).toEqual([]);
  });

  test('resolves service hosts from a namespace, in every spelling', () => {
    const idx = index([service('api', 'shop'), service('db', 'shop')]);
    for (const host of ['api', 'api.shop', 'api.shop.svc', 'api.shop.svc.cluster.local']) {
      expect(idx.servicesForHost(host, 'shop').map((s) => s.object.metadata.name)).toEqual(['api']);
    }
    expect(idx.servicesForHost('*.shop.svc.cluster.local', 'x')).toHaveLength(2);
    expect(idx.servicesForHost('api', 'other')).toEqual([]);
    expect(idx.servicesForHost('api.example.com', 'shop')).toEqual([]);
  });

  test('returns the workloads behind a Service, none without selector', () => {
    const idx = index([deployment('api', 'shop'), service('api', 'shop'), service('headless', 'shop', [], {})]);
    expect(idx.workloadsOfService(idx.service('shop', 'api')!).map((w) => w.object.metadata.name)).toEqual(['api']);
    expect(idx.workloadsOfService(idx.service('shop', 'headless')!)).toEqual([]);
  });

  test('knows namespace labels, including the name label Kubernetes adds', () => {
    const idx = index([namespace('shop', { team: 'a' }), deployment('x', 'implicit')]);
    expect(idx.namespaceLabels('shop')).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'shop' });
    expect(idx.namespaceNames()).toEqual(['implicit', 'shop']);
    expect(['shop', 'implicit', 'other'].map((n) => idx.hasNamespace(n))).toEqual([true, true, false]);
  });

  test('finds istiod revisions', () => {
    const idx = index([
      deployment('istiod-canary', 'istio-system', { labels: { 'istio.io/rev': 'canary' }, podLabels: { app: 'istiod' } }),
    ]);
    expect(idx.istiods.map((i) => i.revision)).toEqual(['canary']);
  });
});

test('drops the namespace cdk8s gives to cluster-scoped objects', () => {
  const idx = index([{ ...namespace('shop'), metadata: { name: 'shop', namespace: 'shop' } }]);
  expect(idx.namespace('shop')?.object.metadata.namespace).toBeUndefined();
  expect(idx.inNamespace('shop', 'Namespace')).toEqual([]);
});

test.each([
  ['storage.k8s.io/v1', 'CSIDriver'],
  ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'],
  ['certificates.k8s.io/v1', 'CertificateSigningRequest'],
])('knows every built-in cluster-scoped kind, not only the common ones: %s %s', (apiVersion, kind) => {
  const idx = index([{ apiVersion, kind, metadata: { name: 'x', namespace: 'shop' } }]);
  expect(idx.inNamespace('shop', kind)).toEqual([]);
});

describe('adding objects one at a time', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: { scope: 'Cluster', names: { kind: 'Gadget' } },
  };
  const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'shop' } };

  test('drops the namespace of a kind a CRD declares cluster-scoped, even when the CRD comes after the object', () => {
    const idx = new ObjectIndex();
    idx.add({ object: gadget });
    idx.add({ object: deployment('api', 'shop') });
    idx.add({ object: crd });
    expect(idx.byKind('Gadget').map((e) => e.object.metadata.namespace)).toEqual([undefined]);
    expect(idx.inNamespace('shop', 'Gadget')).toEqual([]);
    expect(idx.workloadsIn('shop').map((w) => w.object.metadata.name)).toEqual(['api']);
    expect(idx.size).toBe(3);
  });

  test('keeps the namespace of a custom kind no CRD declares cluster-scoped', () => {
    const idx = new ObjectIndex([{ object: gadget }]);
    expect(idx.inNamespace('shop', 'Gadget').map((e) => e.object.metadata.name)).toEqual(['g']);
  });

  test('refuses add() after the first lookup, when rules may already hold results', () => {
    const idx = new ObjectIndex([{ object: gadget }]);
    expect(idx.all).toHaveLength(1);
    expect(() => idx.add({ object: crd })).toThrow(/after the first lookup/);
  });
});
