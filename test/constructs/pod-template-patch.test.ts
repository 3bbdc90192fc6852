import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { patchPodTemplate, podTemplateLabels, podTemplatePatches } from '../../src/constructs/pod-template-patch';
import { type KubeObject } from '../../src/engine/k8s/object';

const deployment = (template: unknown): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template },
});

interface PatchedObject {
  readonly spec: { readonly template: unknown; readonly jobTemplate: { readonly spec: { readonly template: unknown } } };
}

/** Applies the patches as cdk8s does at synth, and returns the pod template. */
function patched(object: KubeObject, labels: Record<string, string>, annotations: Record<string, string> = {}): { metadata: unknown } {
  const patches = podTemplatePatches(object, labels, annotations);
  if (typeof patches === 'string') throw new Error(patches);
  const out = JsonPatch.apply(structuredClone(object), ...patches) as PatchedObject;
  return (object.kind === 'CronJob' ? out.spec.jobTemplate.spec.template : out.spec.template) as { metadata: unknown };
}

describe('podTemplatePatches', () => {
  test('adds keys to existing labels and annotations, keeping the others', () => {
    const template = patched(deployment({ metadata: { labels: { app: 'web' }, annotations: { a: '1' } } }), { x: 'y' }, { b: '2' });
    expect(template.metadata).toEqual({ labels: { app: 'web', x: 'y' }, annotations: { a: '1', b: '2' } });
  });

  test('creates missing metadata, labels and annotations whole', () => {
    expect(patched(deployment({ spec: {} }), { x: 'y' }, { b: '2' }).metadata).toEqual({ labels: { x: 'y' }, annotations: { b: '2' } });
    expect(patched(deployment({ metadata: { name: 'n' } }), { x: 'y' }).metadata).toEqual({ name: 'n', labels: { x: 'y' } });
  });

  test('escapes / and ~ in keys', () => {
    const template = patched(deployment({ metadata: { labels: {} } }), { 'sidecar.istio.io/inject': 'true', 'a~b': 'c' });
    expect(template.metadata).toEqual({ labels: { 'sidecar.istio.io/inject': 'true', 'a~b': 'c' } });
  });

  test('patches a CronJob under its job template', () => {
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: {} } } } },
    };
    expect(patched(cron, { x: 'y' }).metadata).toEqual({ labels: { x: 'y' } });
  });

  test('adds nothing when there is nothing to add', () => {
    expect(podTemplatePatches(deployment({}), {}, {})).toEqual([]);
  });

  test('names the missing pod template', () => {
    expect(podTemplatePatches({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, { x: 'y' }, {})).toBe(
      "Deployment 'web' has no pod template at /spec/template: give it one (pods are built from it)",
    );
  });
});

describe('patchPodTemplate', () => {
  const apiObject = (spec: Record<string, unknown>) =>
    new ApiObject(new Chart(new App(), 'test'), 'Web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec });

  test('adds the patches to the ApiObject', () => {
    const object = apiObject({ template: { metadata: { labels: { app: 'web' } } } });
    expect(patchPodTemplate({ construct: object, apiObject: object }, { x: 'y' }, { b: '2' })).toEqual([]);
    expect(object.toJson().spec.template.metadata).toEqual({ labels: { app: 'web', x: 'y' }, annotations: { b: '2' } });
  });

  test('returns the problem of an object without pod template, adding nothing', () => {
    const object = apiObject({});
    expect(patchPodTemplate({ construct: object, apiObject: object }, { x: 'y' }, {})).toEqual([
      "Deployment 'web' has no pod template at /spec/template: give it one (pods are built from it)",
    ]);
    expect(object.toJson().spec).toEqual({});
  });
});

describe('podTemplateLabels', () => {
  test('reads the labels of the pod template, or none', () => {
    expect(podTemplateLabels(deployment({ metadata: { labels: { app: 'web' } } }))).toEqual({ app: 'web' });
    expect(podTemplateLabels(deployment({}))).toEqual({});
  });
});
