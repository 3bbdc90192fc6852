import { ApiObject, Chart, type IResolver, type ResolutionContext, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SYNC_WAVE_ANNOTATION } from '../../src/core/stage';
import { type KubeObject } from '../../src/engine/k8s/object';
import { nodeOutputFs, setOutputFs } from '../../src/engine/output/fs-ops';
import { MARKER_FILE, markerText } from '../../src/engine/output/marker';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { UserError } from '../../src/errors';
import { readOutputDir } from '../../src/synth/diff';
import { MeshApp } from '../../src/synth/mesh-app';
import { at } from '../support/json';
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

/** The files of an output folder, without the writer's own marker file (tested with the writer). */
function outputFiles(files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].filter(([file]) => !file.startsWith('.')));
}

function synth(options: Partial<SampleOptions> = {}): Map<string, string> {
  const dir = options.outdir ?? outdir();
  sampleApp({ renderCacheDir: cacheDir, ...options, outdir: dir }).synth();
  return outputFiles(readOutputDir(dir));
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
    expect(outputFiles(child)).toEqual(synth({ layout: 'stage-folders', syncWaves: true, argo: true }));
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
    expect(controlPlane[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
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
    const web = objectsOf(files, 'shop.k8s.yaml').find((o) => o.kind === 'Deployment');
    expect(at(web, 'spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom', 'resourceFieldRef')).toEqual({
      divisor: '0',
      resource: 'limits.cpu',
    });
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
    sampleApp({ outdir: dir, renderCacheDir: cacheDir, layout: 'stage-folders' }).synth();
    const before = readOutputDir(dir);
    const app = sampleApp({ outdir: dir, renderCacheDir: cacheDir, layout: 'stage-folders', withoutWorkloads: false });
    breakIt(app);
    expect(() => app.synth()).toThrow(UserError);
    expect(() => app.synth()).toThrow(message);
    expect(readOutputDir(dir)).toEqual(before);
    expect(siblingsOf(dir)).toEqual([]);
  });

  test('a synth that fails while writing (a full disk) leaves the output folder byte-identical, in one line', () => {
    const dir = outdir();
    sampleApp({ outdir: dir, renderCacheDir: cacheDir }).synth();
    const before = readOutputDir(dir);
    let writes = 0;
    const full = (file: string) => Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC', syscall: 'write', path: file });
    const restore = setOutputFs({
      ...nodeOutputFs,
      writeFile: (file, content) => {
        if (++writes === 2) throw full(file);
        nodeOutputFs.writeFile(file, content);
      },
    });
    try {
      expect(() => sampleApp({ outdir: dir, renderCacheDir: cacheDir, withoutWorkloads: true }).synth()).toThrow(
        new RegExp(`^no space left on device writing .*\\.${path.basename(dir)}\\.new/.*: free space, or set outdir elsewhere$`),
      );
    } finally {
      restore();
    }
    expect(writes).toBe(2);
    expect(readOutputDir(dir)).toEqual(before);
    expect(siblingsOf(dir)).toEqual([]);
  });

  test('synth writes the marker, listing exactly the files of synthFiles()', () => {
    const dir = outdir();
    const app = sampleApp({ outdir: dir, renderCacheDir: cacheDir, layout: 'stage-folders' });
    app.synth();
    const files = readOutputDir(dir);
    expect(files.get(MARKER_FILE)).toBe(markerText(app.synthFiles().keys()));
    expect(new Map([...files].filter(([f]) => f !== MARKER_FILE))).toEqual(app.synthFiles());
  });
});

/** What the writer left next to the output folder `dir` (its lock, staging or backup folder). */
function siblingsOf(dir: string): string[] {
  return fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`.${path.basename(dir)}.`));
}

/** Prefixes every image of the given name with a mirror registry: a user's own cdk8s resolver. */
class MirrorImages implements IResolver {
  constructor(private readonly images: readonly string[]) {}
  public resolve(context: ResolutionContext): void {
    if (context.key[context.key.length - 1] === 'image' && this.images.includes(context.value)) {
      context.replaceValue(`mirror.example.com/${context.value}`);
    }
  }
}

describe("MeshApp and cdk8s's AppProps", () => {
  test('outdir: synth writes there', () => {
    const dir = outdir();
    sampleApp({ outdir: dir, renderCacheDir: cacheDir }).synth();
    expect([...readOutputDir(dir).keys()]).toContain('shop.k8s.yaml');
  });

  test('outputFileExtension ends every chart file, in every layout', () => {
    const app = sampleApp({ outdir: outdir(), renderCacheDir: cacheDir, layout: 'stage-folders', outputFileExtension: '.yml' });
    const files = app.synthFiles();
    expect([...files.keys()].filter((f) => !f.endsWith('kustomization.yaml')).sort()).toEqual([
      '00-crds/control-plane.yml',
      '10-control-plane/control-plane.yml',
      '20-namespaces/shop.yml',
      '30-workloads/shop.yml',
      '40-policies/shop.yml',
    ]);
    expect(objectsOf(files, '30-workloads/kustomization.yaml')[0]).toMatchObject({ resources: ['shop.yml'] });
  });

  test('an outputFileExtension that GitOps tools would not read fails at construction', () => {
    expect(() => new MeshApp({ outputFileExtension: '.txt' })).toThrow(UserError);
    expect(() => new MeshApp({ outputFileExtension: '.txt' })).toThrow(/MeshApp outputFileExtension ".txt" is not a YAML file ending/);
  });

  test('yamlOutputType other than FILE_PER_CHART fails at construction, pointing at layout', () => {
    expect(() => new MeshApp({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE })).toThrow(
      /MeshApp does not take yamlOutputType \(YamlOutputType.FILE_PER_RESOURCE\).*set layout: OutputLayout.filePerChart\(\) or OutputLayout.stageFolders\(\)/,
    );
    expect(new MeshApp({ yamlOutputType: YamlOutputType.FILE_PER_CHART }).layout.kind).toBe('file-per-chart');
  });

  test("recordConstructMetadata writes cdk8s's construct-metadata.json with every object's construct path", () => {
    const files = sampleApp({ outdir: outdir(), renderCacheDir: cacheDir, recordConstructMetadata: true }).synthFiles();
    const metadata = JSON.parse(files.get('construct-metadata.json') ?? '{}');
    expect(metadata.version).toBe('1.0.0');
    expect(metadata.resources.web).toEqual({ path: 'shop/web' });
    expect(metadata.resources['istio-system']).toEqual({ path: 'control-plane/base/Namespace' });
    expect(sampleApp({ outdir: outdir(), renderCacheDir: cacheDir }).synthFiles().has('construct-metadata.json')).toBe(false);
  });

  test('resolvers apply to every object, rendered control-plane objects included', () => {
    const resolvers = [new MirrorImages(['nginx:1.27', 'docker.io/istio/pilot:1.30.3'])];
    const files = sampleApp({ outdir: outdir(), renderCacheDir: cacheDir, resolvers }).synthFiles();
    const image = (file: string, name: string) => {
      const deployment = objectsOf(files, file).find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      return at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'image');
    };
    expect(image('shop.k8s.yaml', 'web')).toBe('mirror.example.com/nginx:1.27');
    expect(image('control-plane.k8s.yaml', 'istiod')).toBe('mirror.example.com/docker.io/istio/pilot:1.30.3');
  });
});

describe('MeshApp.synthYaml', () => {
  test('holds every object synth writes, in file order, without kustomization files or the marker', () => {
    const app = sampleApp({ outdir: outdir(), renderCacheDir: cacheDir, layout: 'stage-folders' });
    const files = app.synthFiles();
    const written = [...files]
      .filter(([file]) => file.endsWith('.yaml') && !file.endsWith('kustomization.yaml'))
      .flatMap(([file, text]) => parseDocuments(text, file).map((d) => d.value));
    expect(parseDocuments(app.synthYaml(), 'synthYaml').map((d) => d.value)).toEqual(written);
    expect(app.synthYaml()).not.toMatch(/kind: Kustomization/);
  });

  test('runs the same validation as synth', () => {
    const app = new MeshApp({ outdir: outdir() });
    const chart = new Chart(app, 'bad');
    new ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    chart.node.addValidation({ validate: () => ['always invalid'] });
    expect(() => app.synthYaml()).toThrow(/always invalid/);
  });
});
