import { App, ApiObject, Chart } from 'cdk8s';
import { SYNC_WAVE_ANNOTATION } from '../../src/core/stage';
import { type KubeObject } from '../../src/engine/k8s/object';
import { UserError } from '../../src/errors';
import { collectObjects } from '../../src/synth/collect';
import { addExplicitDivisors, normalizeNamespaces, withSyncWave } from '../../src/synth/normalize';
import { at } from '../support/json';

function planned(build: (app: App) => void) {
  const app = new App();
  build(app);
  return collectObjects(app);
}

describe('normalizeNamespaces', () => {
  test('fails on every namespaced object without a namespace, naming its construct path', () => {
    const objects = planned((app) => {
      const c = new Chart(app, 'c');
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
      new ApiObject(c, 'dep', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } });
      new ApiObject(c, 'ok', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok', namespace: 'n' } });
    });
    expect(() => normalizeNamespaces(objects)).toThrow(UserError);
    expect(() => normalizeNamespaces(objects)).toThrow(
      /2 objects without a namespace:\n {2}\[c\/cm\] ConfigMap cm has no metadata.namespace: set it, or give its Chart a namespace.*\n {2}\[c\/dep\] Deployment d/,
    );
  });

  test('custom resources count as namespaced when their CRD in the output says so', () => {
    const objects = planned((app) => {
      const c = new Chart(app, 'c');
      new ApiObject(c, 'crd', {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget' } },
      });
      new ApiObject(c, 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    });
    expect(() => normalizeNamespaces(objects)).toThrow(/\[c\/w\] Widget w has no metadata.namespace/);
  });

  test('custom resources of unknown kinds are left alone', () => {
    const objects = planned((app) => {
      new ApiObject(new Chart(app, 'c'), 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    });
    const before = structuredClone(objects.map((o) => o.object));
    expect(() => normalizeNamespaces(objects)).not.toThrow();
    expect(objects.map((o) => o.object)).toEqual(before);
  });

  test('cluster-scoped objects lose the namespace their chart gave them', () => {
    const objects = planned((app) => {
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new ApiObject(c, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    });
    normalizeNamespaces(objects);
    const byKind = (k: string) => objects.find((o) => o.object.kind === k)!.object;
    expect(byKind('Namespace').metadata).toEqual({ name: 'shop' });
    expect(byKind('ConfigMap').metadata.namespace).toBe('shop');
  });
});

describe('withSyncWave', () => {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { a: 'b' }, name: 'x' } };

  test('adds the wave as a string annotation, first among the metadata keys', () => {
    const out = withSyncWave(obj, 10);
    expect(out.metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: '10' });
    expect(Object.keys(out.metadata)).toEqual(['annotations', 'labels', 'name']);
    expect(obj.metadata.annotations).toBeUndefined();
  });

  test('keeps other annotations and an explicit wave', () => {
    const annotated = withSyncWave({ ...obj, metadata: { ...obj.metadata, annotations: { x: 'y' } } }, 30);
    expect(annotated.metadata.annotations).toEqual({ x: 'y', [SYNC_WAVE_ANNOTATION]: '30' });
    const explicit = withSyncWave({ ...obj, metadata: { annotations: { [SYNC_WAVE_ANNOTATION]: '-1' } } }, 30);
    expect(explicit.metadata.annotations![SYNC_WAVE_ANNOTATION]).toBe('-1');
  });
});

describe('addExplicitDivisors', () => {
  test('fills the divisor of env and downward API resource references in pod templates', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'n' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                env: [
                  { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
                  { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
                ],
              },
            ],
            volumes: [
              { name: 'v', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName: 'c', resource: 'requests.cpu' } }] } },
            ],
          },
        },
      },
    };
    addExplicitDivisors(deployment);
    const pod = deployment.spec.template.spec;
    expect(pod.containers[0].env[0].valueFrom.resourceFieldRef).toEqual({ divisor: '0', resource: 'limits.cpu' });
    expect(Object.keys(pod.volumes[0].downwardAPI.items[0].resourceFieldRef)).toEqual(['containerName', 'divisor', 'resource']);
    expect(at(pod, 'containers', 0, 'env', 1, 'valueFrom', 'resourceFieldRef', 'divisor')).toBe('1Mi');
  });

  test('reaches CronJob pod templates and leaves CRD schemas alone', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'n' },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] }],
              },
            },
          },
        },
      },
    };
    addExplicitDivisors(cron);
    expect(
      at(cron, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom', 'resourceFieldRef', 'divisor'),
    ).toBe('0');
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'x' },
      spec: { versions: [{ schema: { properties: { resourceFieldRef: { type: 'object' } } } }] },
    };
    const before = JSON.stringify(crd);
    addExplicitDivisors(crd);
    expect(JSON.stringify(crd)).toBe(before);
  });
});
