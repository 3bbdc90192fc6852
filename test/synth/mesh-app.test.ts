import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { UserError } from '../../src/errors';
import { readOutputDir } from '../../src/synth/diff';
import { type MeshApp } from '../../src/synth/mesh-app';
import { SYNC_WAVE_ANNOTATION } from '../../src/synth/normalize';
import { synthInChild } from './child-synth';
import { sampleApp, type SampleOptions } from './sample-app';

let root = '';
let cacheDir = '';
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-app-'));
  cacheDir = path.join(root, 'render-cache');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function outdir(): string {
  return path.join(root, `out-${counter++}`);
}

function objectsOf(files: ReadonlyMap<string, string>, file: string): KubeObject[] {
  const text = files.get(file);
  if (text === undefined) throw new Error(`no ${file} in [${[...files.keys()].join(', ')}]`);
  return parseDocuments(text, file).map((d) => d.value as KubeObject);
}

function synth(options: Partial<SampleOptions> = {}): Map<string, string> {
  const dir = options.outdir ?? outdir();
  sampleApp({ renderCacheDir: cacheDir, ...options, outdir: dir }).synth();
  return readOutputDir(dir);
}

describe('MeshApp determinism', () => {
  test('two synths of the same app are byte-identical', () => {
    const first = synth({ layout: 'stage-folders', syncWaves: true, argo: true });
    const second = synth({ layout: 'stage-folders', syncWaves: true, argo: true });
    expect(second).toEqual(first);
    expect(first.size).toBeGreaterThan(5);
  });

  test('synthesizing the same app object twice gives the same files', () => {
    const app = sampleApp({ outdir: outdir(), renderCacheDir: cacheDir, layout: 'stage-folders', argo: true });
    expect(app.synthFiles()).toEqual(app.synthFiles());
  });

  test('output is byte-identical across processes, time zones and locales, with fresh helm renders', () => {
    const options: SampleOptions = {
      outdir: path.join(root, 'child'),
      renderCacheDir: path.join(root, 'child-cache'),
      layout: 'stage-folders',
      syncWaves: true,
      argo: true,
    };
    // This process runs in the machine's zone and locale (UTC and C or en_US here and in CI).
    const child = synthInChild(options, { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    expect(child).toEqual(synth({ layout: 'stage-folders', syncWaves: true, argo: true }));
    const text = [...child.values()].join('\n');
    expect(text).not.toContain(os.tmpdir());
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

describe('MeshApp layouts', () => {
  test('the default layout writes one file per chart, without sync waves', () => {
    const files = synth();
    expect([...files.keys()].sort()).toEqual(['control-plane.k8s.yaml', 'shop.k8s.yaml']);
    const all = [...files.keys()].flatMap((f) => objectsOf(files, f));
    expect(all.filter((o) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined)).toEqual([]);
  });

  test('stage folders: CRDs, control plane, namespaces, workloads and policies each in their folder with a kustomization', () => {
    const files = synth({ layout: 'stage-folders' });
    expect([...files.keys()].sort()).toEqual([
      '00-crds/control-plane.k8s.yaml',
      '00-crds/kustomization.yaml',
      '10-control-plane/control-plane.k8s.yaml',
      '10-control-plane/kustomization.yaml',
      '20-namespaces/kustomization.yaml',
      '20-namespaces/shop.k8s.yaml',
      '30-workloads/kustomization.yaml',
      '30-workloads/shop.k8s.yaml',
      '40-policies/kustomization.yaml',
      '40-policies/shop.k8s.yaml',
    ]);
    expect(objectsOf(files, '00-crds/control-plane.k8s.yaml').every((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    const controlPlane = objectsOf(files, '10-control-plane/control-plane.k8s.yaml');
    for (const [kind, name] of [
      ['Namespace', 'istio-system'],
      ['Deployment', 'istiod'],
      ['Deployment', 'istiod-canary'],
      ['MutatingWebhookConfiguration', 'istio-sidecar-injector-canary'],
      ['ValidatingWebhookConfiguration', 'istiod-default-validator'],
    ]) {
      expect(controlPlane.some((o) => o.kind === kind && o.metadata.name === name)).toBe(true);
    }
    expect(objectsOf(files, '20-namespaces/shop.k8s.yaml').map((o) => o.kind)).toEqual(['Namespace']);
    expect(objectsOf(files, '40-policies/shop.k8s.yaml').map((o) => o.kind)).toEqual(['PeerAuthentication']);
    expect(objectsOf(files, '30-workloads/kustomization.yaml')[0]).toMatchObject({ kind: 'Kustomization', resources: ['shop.k8s.yaml'] });
  });

  test('sync waves: every object carries the wave of its stage', () => {
    const files = synth({ syncWaves: true });
    const all = [...files.keys()].flatMap((f) => objectsOf(files, f));
    const wave = (kind: string, name: string) =>
      all.find((o) => o.kind === kind && o.metadata.name === name)?.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
    expect(all.every((o) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined)).toBe(true);
    expect(wave('CustomResourceDefinition', 'peerauthentications.security.istio.io')).toBe('0');
    expect(wave('Deployment', 'istiod')).toBe('10');
    expect(wave('MutatingWebhookConfiguration', 'istio-sidecar-injector')).toBe('10');
    expect(wave('Namespace', 'shop')).toBe('20');
    expect(wave('Deployment', 'web')).toBe('30');
    expect(wave('PeerAuthentication', 'default')).toBe('40');
  });

  test('every namespaced object names its namespace; cluster-scoped ones have none', () => {
    const files = synth();
    const all = [...files.keys()].flatMap((f) => objectsOf(files, f));
    const clusterKinds = [
      'Namespace',
      'CustomResourceDefinition',
      'ClusterRole',
      'ClusterRoleBinding',
      'MutatingWebhookConfiguration',
      'ValidatingWebhookConfiguration',
    ];
    for (const o of all) {
      if (clusterKinds.includes(o.kind)) expect(o.metadata.namespace).toBeUndefined();
      else expect(o.metadata.namespace).toMatch(/^(istio-system|shop)$/);
    }
  });

  test('resource references get an explicit divisor', () => {
    const files = synth();
    const web = objectsOf(files, 'shop.k8s.yaml').find((o) => o.kind === 'Deployment') as any;
    expect(web.spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef).toEqual({ divisor: '0', resource: 'limits.cpu' });
  });
});

describe('MeshApp atomic synth', () => {
  test('files of charts that were removed disappear on the next synth', () => {
    const dir = outdir();
    synth({ outdir: dir, layout: 'stage-folders' });
    expect(fs.existsSync(path.join(dir, '30-workloads'))).toBe(true);
    const after = synth({ outdir: dir, layout: 'stage-folders', withoutWorkloads: true });
    expect([...after.keys()].some((f) => f.includes('shop'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '30-workloads'))).toBe(false);
  });

  test.each([
    [
      'an invalid construct',
      (app: MeshApp) =>
        new Construct(app.node.findChild('shop'), 'bad').node.addValidation({ validate: () => ['port 70000 is out of range 1-65535'] }),
      /port 70000/,
    ],
    [
      'a namespaced object without a namespace',
      (app: MeshApp) => new ApiObject(new Chart(app, 'loose'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }),
      /\[loose\/cm\] ConfigMap cm has no metadata.namespace/,
    ],
  ])('a synth that fails on %s leaves the output folder byte-identical', (_case, breakIt, message) => {
    const dir = outdir();
    const before = synth({ outdir: dir, layout: 'stage-folders' });
    const app = sampleApp({ outdir: dir, renderCacheDir: cacheDir, layout: 'stage-folders', withoutWorkloads: false });
    breakIt(app);
    expect(() => app.synth()).toThrow(UserError);
    expect(() => app.synth()).toThrow(message);
    expect(readOutputDir(dir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.includes('staging'))).toEqual([]);
  });

  test('a synth that throws while writing leaves the output folder byte-identical', () => {
    const dir = outdir();
    const before = synth({ outdir: dir });
    const app = sampleApp({ outdir: dir, renderCacheDir: cacheDir });
    // 'x' as a file and as a folder cannot both be written: the write fails halfway.
    const files = new Map([...app.synthFiles(), ['x', 'file'], ['x/y.yaml', 'y']]);
    jest.spyOn(app, 'synthFiles').mockReturnValue(files);
    expect(() => app.synth()).toThrow();
    expect(readOutputDir(dir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.includes('staging'))).toEqual([]);
  });
});
