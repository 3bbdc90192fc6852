import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../src/constructs/control-plane/revision-tag';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { addToMesh, WorkloadInjection } from '../../src/constructs/workloads';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { type KubeObject } from '../../src/engine/k8s/object';
import { PROXY_REVISION_ANNOTATION } from '../../src/engine/rollout/proxy-revision';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { InjectionMode } from '../../src/model/injection-mode';
import { MeshApp, type MeshAppProps } from '../../src/synth/mesh-app';
import { FIXTURE_CHARTS, fixtureCharts1_29 } from '../engine/charts/test-helpers';
import { at } from '../support/json';

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'roll-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

interface State {
  /** Where the `prod` tag points. */
  readonly prodOn: 'blue' | 'green';
  /** The chart folder (and so the version) of revision blue. @default FIXTURE_CHARTS (1.30.3) */
  readonly blueCharts?: string;
  /** The injection of namespace `moving`. @default InjectionMode.revision('prod') */
  readonly moving?: InjectionMode;
  readonly app?: Omit<MeshAppProps, 'outdir'>;
  /** Pre-inject `shop/cart` (needs a blue of version 1.30.3). */
  readonly preInjected?: boolean;
}

/** A canary state: istiods blue and green, tag prod, namespaces shop (on prod), moving, canary (on green), plain. */
function synth(state: State): KubeObject[] {
  const app = new MeshApp({ outdir: path.join(os.tmpdir(), 'roll-never-written'), ...state.app });
  const cp = new Chart(app, 'control-plane');
  const blue = new Istiod(cp, 'Blue', {
    revision: 'blue',
    sources: [ChartSource.localDir(state.blueCharts ?? FIXTURE_CHARTS)],
    version: state.blueCharts === fixtureCharts1_29() ? '1.29.6' : undefined,
    renderCacheDir: renders,
  });
  const green = new Istiod(cp, 'Green', { revision: 'green', sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders });
  new RevisionTag(cp, 'Prod', { name: 'prod', revision: state.prodOn === 'blue' ? blue : green });
  const workloads = new Chart(app, 'workloads');
  new MeshNamespace(workloads, 'Shop', { name: 'shop', injection: InjectionMode.revision('prod') });
  new MeshNamespace(workloads, 'Moving', { name: 'moving', injection: state.moving ?? InjectionMode.revision('prod') });
  new MeshNamespace(workloads, 'Canary', { name: 'canary', injection: InjectionMode.revision('green') });
  new MeshNamespace(workloads, 'Plain', { name: 'plain', injection: InjectionMode.disabled() });
  for (const [ns, name] of [
    ['shop', 'web'],
    ['moving', 'api'],
    ['canary', 'probe'],
    ['plain', 'tool'],
  ]) {
    deployment(workloads, ns, name);
  }
  new ApiObject(workloads, 'ShopConfig', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop' },
    data: { a: 'b' },
  });
  new ApiObject(workloads, 'Pinned', deploymentProps('shop', 'pinned', { [PROXY_REVISION_ANNOTATION]: 'manual' }));
  if (state.preInjected) addToMesh(deployment(workloads, 'shop', 'cart'), WorkloadInjection.preInjected());
  return [...app.synthFiles().values()].flatMap((text) => parseDocuments(text).map((d) => d.value as KubeObject));
}

function deploymentProps(namespace: string, name: string, annotations?: Record<string, string>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(annotations ? { annotations } : {}) },
        spec: { containers: [{ name, image: 'nginx:1.27' }] },
      },
    },
  };
}

function deployment(scope: Chart, namespace: string, name: string): ApiObject {
  return new ApiObject(scope, `${namespace}-${name}`, deploymentProps(namespace, name));
}

const key = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const find = (objects: readonly KubeObject[], kind: string, namespace: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${namespace}/${name}`);
  return found;
};
const proxyRevision = (o: KubeObject) => at(o, 'spec', 'template', 'metadata', 'annotations', PROXY_REVISION_ANNOTATION);

/** The objects of `namespace` (and the Namespace itself) that differ between two synths, by kind and name. */
function changedIn(before: readonly KubeObject[], after: readonly KubeObject[], namespaces: readonly string[]): string[] {
  const inScope = (o: KubeObject) =>
    namespaces.includes(o.metadata.namespace ?? '') || (o.kind === 'Namespace' && namespaces.includes(o.metadata.name ?? ''));
  const afterByKey = new Map(after.filter(inScope).map((o) => [key(o), JSON.stringify(o)]));
  const beforeKeys = before.filter(inScope).map(key);
  expect([...afterByKey.keys()].sort()).toEqual([...beforeKeys].sort());
  return before
    .filter(inScope)
    .filter((o) => afterByKey.get(key(o)) !== JSON.stringify(o))
    .map(key)
    .sort();
}

describe('rolling workloads', () => {
  test('moving prod to another Istiod changes the pod templates of workloads in prod namespaces and nothing else there', () => {
    const before = synth({ prodOn: 'blue', blueCharts: fixtureCharts1_29() });
    const after = synth({ prodOn: 'green', blueCharts: fixtureCharts1_29() });
    expect(proxyRevision(find(before, 'Deployment', 'shop', 'web'))).toBe('revision=blue version=1.29.6');
    expect(proxyRevision(find(after, 'Deployment', 'shop', 'web'))).toBe('revision=green version=1.30.3');
    expect(changedIn(before, after, ['shop', 'moving'])).toEqual(['Deployment moving/api', 'Deployment shop/web']);
    expect(changedIn(before, after, ['canary', 'plain'])).toEqual([]);
  });

  test('only the annotation changes in a rolled pod template', () => {
    const before = find(synth({ prodOn: 'blue' }), 'Deployment', 'shop', 'web');
    const after = find(synth({ prodOn: 'green' }), 'Deployment', 'shop', 'web');
    const strip = (o: KubeObject) => JSON.stringify(o).replace(/"revision=[^"]*"/, '');
    expect(proxyRevision(before)).not.toEqual(proxyRevision(after));
    expect(strip(before)).toBe(strip(after));
  });

  test('a namespace relabeled to another revision rolls its workloads; to the revision its tag already serves, none', () => {
    const onTag = synth({ prodOn: 'green' });
    const relabeled = synth({ prodOn: 'green', moving: InjectionMode.revision('blue') });
    const sameRevision = synth({ prodOn: 'green', moving: InjectionMode.revision('green') });
    expect(proxyRevision(find(relabeled, 'Deployment', 'moving', 'api'))).toBe('revision=blue version=1.30.3');
    expect(find(sameRevision, 'Deployment', 'moving', 'api')).toEqual(find(onTag, 'Deployment', 'moving', 'api'));
  });

  test('an in-place version bump of the revision rolls its workloads', () => {
    const old = synth({ prodOn: 'blue', blueCharts: fixtureCharts1_29() });
    const bumped = synth({ prodOn: 'blue' });
    expect(proxyRevision(find(old, 'Deployment', 'shop', 'web'))).toBe('revision=blue version=1.29.6');
    expect(proxyRevision(find(bumped, 'Deployment', 'shop', 'web'))).toBe('revision=blue version=1.30.3');
  });

  test('workloads no webhook injects, and one that sets the annotation itself, are left as they are', () => {
    const objects = synth({ prodOn: 'blue' });
    expect(proxyRevision(find(objects, 'Deployment', 'plain', 'tool'))).toBeUndefined();
    expect(proxyRevision(find(objects, 'Deployment', 'shop', 'pinned'))).toBe('manual');
  });

  test('rollWorkloads: false adds no annotation', () => {
    const objects = synth({ prodOn: 'blue', app: { rollWorkloads: false } });
    expect(objects.filter((o) => proxyRevision(o) !== undefined).map(key)).toEqual(['Deployment shop/pinned']);
  });

  test('a pre-injected workload changes with its sidecar when its tag moves, without the annotation', () => {
    const before = find(synth({ prodOn: 'blue', preInjected: true }), 'Deployment', 'shop', 'cart');
    const after = find(synth({ prodOn: 'green', preInjected: true }), 'Deployment', 'shop', 'cart');
    expect(proxyRevision(before)).toBeUndefined();
    const proxyArgs = (o: KubeObject) => JSON.stringify(at(o, 'spec', 'template', 'spec'));
    expect(proxyArgs(before)).toContain('istiod-blue.istio-system.svc');
    expect(proxyArgs(after)).toContain('istiod-green.istio-system.svc');
  });
});
