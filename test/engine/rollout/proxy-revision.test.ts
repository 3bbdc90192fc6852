import { type KubeObject } from '../../../src/engine/k8s/object';
import { PROXY_REVISION_ANNOTATION, proxyRevisions, withProxyRevision } from '../../../src/engine/rollout/proxy-revision';
import { at } from '../../support/json';

type Selector = Record<string, unknown>;
const notFalse = { key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] };

function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** The namespace and object webhooks Istio renders for a revision or tag `selects`, pointing at revision `revision`. */
function webhooks(name: string, revision: string, selects: string, extraLabels: Record<string, string> = {}): KubeObject {
  const hook = (prefix: string, namespaceSelector: Selector, objectSelector: Selector) => ({
    name: `${prefix}sidecar-injector.istio.io`,
    clientConfig: { service: { name: `istiod-${revision}`, namespace: 'istio-system', path: '/inject' } },
    namespaceSelector,
    objectSelector,
  });
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels: { 'istio.io/rev': revision, ...extraLabels } },
    webhooks: [
      hook(
        'rev.namespace.',
        {
          matchExpressions: [
            { key: 'istio.io/rev', operator: 'In', values: [selects] },
            { key: 'istio-injection', operator: 'DoesNotExist' },
          ],
        },
        { matchExpressions: [notFalse] },
      ),
      hook(
        'rev.object.',
        {
          matchExpressions: [
            { key: 'istio.io/rev', operator: 'DoesNotExist' },
            { key: 'istio-injection', operator: 'DoesNotExist' },
          ],
        },
        { matchExpressions: [notFalse, { key: 'istio.io/rev', operator: 'In', values: [selects] }] },
      ),
    ],
  };
}

function injectorValues(revision: string, tag: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `istio-sidecar-injector-${revision}`, namespace: 'istio-system' },
    data: { values: JSON.stringify({ global: { hub: 'docker.io/istio', tag } }) },
  };
}

function workload(
  kind: string,
  name: string,
  ns: string,
  podLabels: Record<string, string> = {},
  annotations?: Record<string, string>,
): KubeObject {
  const group = kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  return {
    apiVersion: group,
    kind,
    metadata: { name, namespace: ns },
    spec: {
      template: { metadata: { labels: podLabels, ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'app' }] } },
    },
  };
}

/** A canary state: revisions blue (1.29.6) and green (1.30.3), tag prod on `prodOn`. */
function mesh(prodOn: string): KubeObject[] {
  return [
    webhooks('istio-sidecar-injector-blue', 'blue', 'blue'),
    webhooks('istio-sidecar-injector-green', 'green', 'green'),
    webhooks('istio-revision-tag-prod', prodOn, 'prod', { 'istio.io/tag': 'prod' }),
    injectorValues('blue', '1.29.6'),
    injectorValues('green', '1.30.3'),
  ];
}

const valueOf = (objects: readonly KubeObject[], name: string) => {
  const found = [...proxyRevisions(objects)].find(([o]) => o.metadata.name === name);
  return found?.[1];
};

describe('proxyRevisions', () => {
  test('names the revision and Istio version that a namespace on a tag injects', () => {
    const objects = [...mesh('blue'), namespace('shop', { 'istio.io/rev': 'prod' }), workload('Deployment', 'web', 'shop')];
    expect(valueOf(objects, 'web')).toBe('revision=blue version=1.29.6');
  });

  test('changes when the tag moves, and only for workloads that follow the tag', () => {
    const state = (prodOn: string) => [
      ...mesh(prodOn),
      namespace('shop', { 'istio.io/rev': 'prod' }),
      namespace('canary', { 'istio.io/rev': 'green' }),
      workload('Deployment', 'web', 'shop'),
      workload('StatefulSet', 'db', 'shop'),
      workload('Deployment', 'probe', 'canary'),
    ];
    expect(['web', 'db', 'probe'].map((n) => valueOf(state('blue'), n))).toEqual([
      'revision=blue version=1.29.6',
      'revision=blue version=1.29.6',
      'revision=green version=1.30.3',
    ]);
    expect(['web', 'db', 'probe'].map((n) => valueOf(state('green'), n))).toEqual([
      'revision=green version=1.30.3',
      'revision=green version=1.30.3',
      'revision=green version=1.30.3',
    ]);
  });

  test('follows a pod-level revision label in an unlabeled namespace', () => {
    const objects = [...mesh('blue'), workload('DaemonSet', 'agent', 'tools', { 'istio.io/rev': 'prod' })];
    expect(valueOf(objects, 'agent')).toBe('revision=blue version=1.29.6');
  });

  test('changes with an in-place version bump of the same revision', () => {
    const objects = (version: string) => [
      webhooks('istio-sidecar-injector-blue', 'blue', 'blue'),
      injectorValues('blue', version),
      namespace('shop', { 'istio.io/rev': 'blue' }),
      workload('Deployment', 'web', 'shop'),
    ];
    expect(valueOf(objects('1.29.6'), 'web')).toBe('revision=blue version=1.29.6');
    expect(valueOf(objects('1.30.3'), 'web')).toBe('revision=blue version=1.30.3');
  });

  test('leaves out the version of a revision whose injector is not among the objects', () => {
    const objects = [
      webhooks('istio-revision-tag-prod', 'elsewhere', 'prod'),
      namespace('shop', { 'istio.io/rev': 'prod' }),
      workload('Deployment', 'web', 'shop'),
    ];
    expect(valueOf(objects, 'web')).toBe('revision=elsewhere');
  });

  test.each([
    ['a Job (its template is immutable)', workload('Job', 'x', 'shop')],
    ['a CronJob (each run is injected anew)', workload('CronJob', 'x', 'shop')],
    ['a ReplicaSet (a template change replaces no pod)', workload('ReplicaSet', 'x', 'shop')],
    ['a pod that opts out of injection', workload('Deployment', 'x', 'shop', { 'sidecar.istio.io/inject': 'false' })],
    ['a workload that sets the annotation itself', workload('Deployment', 'x', 'shop', {}, { [PROXY_REVISION_ANNOTATION]: 'pinned' })],
    ['a workload in a namespace no webhook selects', workload('Deployment', 'x', 'plain')],
  ])('gives no value to %s', (_what, object) => {
    const objects = [...mesh('blue'), namespace('shop', { 'istio.io/rev': 'prod' }), namespace('plain'), object];
    expect(valueOf(objects, 'x')).toBeUndefined();
  });

  test('names every revision when webhooks overlap (the analysis reports it)', () => {
    const objects = [
      webhooks('istio-sidecar-injector-blue', 'blue', 'prod'),
      webhooks('istio-revision-tag-prod', 'green', 'prod', { 'istio.io/tag': 'prod' }),
      namespace('shop', { 'istio.io/rev': 'prod' }),
      workload('Deployment', 'web', 'shop'),
    ];
    expect(valueOf(objects, 'web')).toBe('revision=blue, revision=green');
  });

  test('ignores webhooks that are not sidecar injectors', () => {
    const other = { ...webhooks('other', 'blue', 'prod'), webhooks: [{ name: 'policy.example.com', namespaceSelector: {} }] };
    expect(valueOf([other, namespace('shop', { 'istio.io/rev': 'prod' }), workload('Deployment', 'web', 'shop')], 'web')).toBeUndefined();
  });
});

describe('withProxyRevision', () => {
  test('adds the annotation to a copy of the pod template, keeping the others', () => {
    const original = workload('Deployment', 'web', 'shop', { app: 'web' }, { keep: 'me' });
    const rolled = withProxyRevision(original, 'revision=blue version=1.29.6');
    expect(at(rolled, 'spec', 'template', 'metadata', 'annotations')).toEqual({
      keep: 'me',
      [PROXY_REVISION_ANNOTATION]: 'revision=blue version=1.29.6',
    });
    expect(at(rolled, 'spec', 'template', 'metadata', 'labels')).toEqual({ app: 'web' });
    expect(at(original, 'spec', 'template', 'metadata', 'annotations')).toEqual({ keep: 'me' });
  });
});
