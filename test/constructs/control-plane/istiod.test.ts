import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Istiod, type IstiodProps } from '../../../src/constructs/control-plane/istiod';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { MeshApp } from '../../../src/synth/mesh-app';
import { countingRunner, FIXTURE_CHARTS, fixtureCharts1_29, findObject, useTempDir } from '../../engine/charts/test-helpers';
import { at } from '../../support/json';

const tmp = useTempDir('istiod-test-');
// One render cache for the whole file: entries are keyed by everything a render depends on, so sharing is safe.
let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'istiod-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

function istiod(props: IstiodProps = {}, chartProps: { namespace?: string } = {}): { chart: Chart; istiod: Istiod } {
  const chart = new Chart(Testing.app(), 'control-plane', chartProps);
  const construct = new Istiod(chart, 'Istiod', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders, ...props });
  return { chart, istiod: construct };
}

function synthFailure(build: (chart: Chart) => void): { message: string; outdir: string } {
  const outdir = path.join(tmp(), 'dist');
  const app = new MeshApp({ outdir });
  build(new Chart(app, 'control-plane'));
  try {
    app.synth();
  } catch (error) {
    return { message: (error as Error).message, outdir };
  }
  throw new Error('synth did not fail');
}

describe('Istiod', () => {
  test('renders the chart with images pinned to docker.io/istio at 1.30.3', () => {
    const objects = Testing.synth(istiod().chart);
    const deployment = findObject(objects, 'Deployment', 'istiod');
    expect(deployment.metadata.namespace).toBe('istio-system');
    expect(deployment.spec.template.spec.containers[0].image).toBe('docker.io/istio/pilot:1.30.3');
  });

  test('names objects after the revision', () => {
    const { chart, istiod: cp } = istiod({ revision: 'canary' });
    const objects = Testing.synth(chart);
    expect(cp.revision).toBe('canary');
    findObject(objects, 'Deployment', 'istiod-canary');
    findObject(objects, 'MutatingWebhookConfiguration', 'istio-sidecar-injector-canary');
    findObject(objects, 'ValidatingWebhookConfiguration', 'istio-validator-canary-istio-system');
  });

  test('treats an empty revision as the default one', () => {
    expect(istiod({ revision: '' }).istiod.revision).toBeUndefined();
    expect(istiod().istiod.revision).toBeUndefined();
  });

  test('renders into another namespace, with istioNamespace following it', () => {
    const { chart, istiod: cp } = istiod({ namespace: 'mesh-system' });
    const objects = Testing.synth(chart);
    expect(cp.namespace).toBe('mesh-system');
    expect(findObject(objects, 'ServiceAccount', 'istiod').metadata.namespace).toBe('mesh-system');
    findObject(objects, 'ValidatingWebhookConfiguration', 'istio-validator-mesh-system');
  });

  test('passes typed values and extraValues to helm', () => {
    const { chart, istiod: cp } = istiod({
      values: { replicaCount: 3, autoscaleEnabled: false, env: { PILOT_FLAG: 'on' } },
      extraValues: { revisionTags: ['prod'] },
    });
    const objects = Testing.synth(chart);
    const deployment = findObject(objects, 'Deployment', 'istiod');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'PILOT_FLAG', value: 'on' });
    findObject(objects, 'MutatingWebhookConfiguration', 'istio-revision-tag-prod');
    expect(objects.find((o) => o.kind === 'HorizontalPodAutoscaler')).toBeUndefined();
    expect(cp.values).toMatchObject({ replicaCount: 3, revisionTags: ['prod'], global: { hub: 'docker.io/istio', tag: '1.30.3' } });
  });

  test('gives every object a stable id from its kind and name', () => {
    const ids = istiod().istiod.node.children.map((c) => c.node.id);
    expect(ids).toContain('Deployment-istiod');
    expect(ids).toContain('MutatingWebhookConfiguration-istio-sidecar-injector');
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('creates its namespace by default, and not with createNamespace: false', () => {
    expect(findObject(Testing.synth(istiod({ namespace: 'mesh' }).chart), 'Namespace', 'mesh').metadata).toEqual({ name: 'mesh' });
    const { chart, istiod: d } = istiod({ createNamespace: false });
    expect(d.namespaceObject).toBeUndefined();
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('in kube-system it creates no Namespace (Kubernetes owns it), and an explicit true is an error', () => {
    const { chart, istiod: d } = istiod({ namespace: 'kube-system' });
    expect(d.createNamespace).toBe(false);
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(findObject(Testing.synth(chart), 'Deployment', 'istiod').metadata.namespace).toBe('kube-system');
    const { istiod: explicit } = istiod({ namespace: 'kube-system', createNamespace: true });
    expect(explicit.node.validate()).toEqual([expect.stringContaining("createNamespace: true for 'kube-system'")]);
    expect(explicit.objects()).toEqual([]);
  });

  test('isIstiod recognizes an Istiod of another copy of the library, not other constructs', () => {
    let Other: typeof Istiod = Istiod;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../../src/constructs/control-plane/istiod') as { Istiod: typeof Istiod }).Istiod;
    });
    const other = new Other(new Chart(Testing.app(), 'c'), 'Istiod', {
      sources: [ChartSource.localDir(FIXTURE_CHARTS)],
      renderCacheDir: renders,
    });
    expect(other instanceof Istiod).toBe(false);
    expect(Istiod.isIstiod(other)).toBe(true);
    expect(Istiod.isIstiod(istiod().chart)).toBe(false);
  });

  test('keeps cluster-scoped objects without a namespace inside a chart that has one', () => {
    const objects = Testing.synth(istiod({}, { namespace: 'apps' }).chart);
    expect(findObject(objects, 'ClusterRole', 'istiod-clusterrole-istio-system').metadata.namespace).toBeUndefined();
    expect(findObject(objects, 'Deployment', 'istiod').metadata.namespace).toBe('istio-system');
  });

  test('injectionValues() is the values tree of the rendered injector ConfigMap', () => {
    const values = istiod({ revision: 'canary', values: { global: { proxy: { logLevel: 'debug' } } } }).istiod.injectionValues();
    expect(values.revision).toBe('canary');
    expect(at(values, 'global', 'hub')).toBe('docker.io/istio');
    expect(at(values, 'global', 'proxy', 'logLevel')).toBe('debug');
    // chart defaults the construct never set:
    expect(at(values, 'global', 'proxy', 'includeIPRanges')).toBe('*');
    expect(at(values, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe')).toBe(true);
    expect(values.pilot).toEqual({ cni: { enabled: false }, env: {} });
  });

  test('injectorConfig() is the rendered injector config with its templates', () => {
    const config = istiod().istiod.injectorConfig();
    expect(at(config, 'policy')).toBe('enabled');
    expect(at(config, 'templates', 'sidecar')).toContain('istio-proxy');
  });

  test('meshConfig() is the rendered mesh config: chart defaults with values.meshConfig merged in', () => {
    const mesh = istiod({ values: { meshConfig: { accessLogFile: '/dev/stdout' } } }).istiod.meshConfig();
    expect(mesh).toMatchObject({
      accessLogFile: '/dev/stdout',
      trustDomain: 'cluster.local',
      enablePrometheusMerge: true,
      rootNamespace: 'istio-system',
    });
  });

  test('a second construction with the same inputs starts no process', () => {
    istiod({ values: { replicaCount: 2, autoscaleMax: 7 } });
    const counter = countingRunner();
    try {
      istiod({ values: { replicaCount: 2, autoscaleMax: 7 } });
      expect(counter.calls).toHaveLength(0);
    } finally {
      counter.restore();
    }
  });
});

describe('Istiod errors are reported at synth, all at once', () => {
  test('bad values become synth errors with the construct path, and helm never runs', () => {
    const counter = countingRunner();
    let result;
    try {
      result = synthFailure(
        (chart) =>
          new Istiod(chart, 'Istiod', {
            sources: [ChartSource.localDir(FIXTURE_CHARTS)],
            values: { replicaCount: -1, global: { hub: 'https://docker.io/istio' } },
          }),
      );
      expect(counter.calls).toHaveLength(0);
    } finally {
      counter.restore();
    }
    expect(result.message).toContain('[control-plane/Istiod] values.global.hub is "https://docker.io/istio"');
    expect(result.message).toContain('[control-plane/Istiod] values.replicaCount is -1: must be an integer >= 0');
    expect(fs.existsSync(result.outdir)).toBe(false);
  });

  test('a chart that cannot be found is a synth error naming every place looked at, not an exception', () => {
    const missing = path.join(tmp(), 'missing');
    let construct: Istiod | undefined;
    const { message } = synthFailure((chart) => {
      construct = new Istiod(chart, 'Istiod', { sources: [ChartSource.localDir(missing)] });
    });
    expect(construct).toBeDefined();
    expect(message).toContain("istio chart 'istiod' version 1.30.3 not found");
    expect(message).toContain(path.join(missing, 'istio-control', 'istio-discovery'));
  });

  test("a helm failure is a synth error with helm's message", () => {
    const broken = path.join(tmp(), 'charts');
    fs.cpSync(FIXTURE_CHARTS, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'istio-control', 'istio-discovery', 'templates', 'broken.yaml'), '{{ fail "broken on purpose" }}\n');
    const { message } = synthFailure(
      (chart) => new Istiod(chart, 'Istiod', { sources: [ChartSource.localDir(broken)], renderCacheDir: renders }),
    );
    expect(message).toMatch(/\[control-plane\/Istiod\] helm template istiod \(.*\) failed: execution error at .*broken on purpose/);
  });

  test('revision and values.revision must agree', () => {
    const { message } = synthFailure((chart) => new Istiod(chart, 'Istiod', { sources: [], revision: 'a', values: { revision: 'b' } }));
    expect(message).toContain('revision "a" and values.revision "b" differ');
  });

  test('without a render, injectionValues() and meshConfig() fall back to the values given', () => {
    const chart = new Chart(Testing.app(), 'c');
    const cp = new Istiod(chart, 'Istiod', { sources: [], values: { meshConfig: { accessLogFile: '/dev/stdout' } } });
    expect(cp.meshConfig()).toEqual({ accessLogFile: '/dev/stdout' });
    expect(at(cp.injectionValues(), 'global', 'hub')).toBe('docker.io/istio');
    expect(cp.injectorConfig()).toBeUndefined();
  });
});

describe('Istiod of two releases side by side', () => {
  test('each revision renders from its own chart folder with images pinned to its own version', () => {
    const chart = new Chart(Testing.app(), 'control-plane');
    new Istiod(chart, 'Old', {
      sources: [ChartSource.localDir(fixtureCharts1_29())],
      version: '1.29.6',
      revision: '1-29-6',
      renderCacheDir: renders,
    });
    new Istiod(chart, 'New', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], revision: '1-30-3', renderCacheDir: renders });
    const objects = Testing.synth(chart);
    const image = (name: string) => at(findObject(objects, 'Deployment', name), 'spec', 'template', 'spec', 'containers', 0, 'image');
    expect(image('istiod-1-29-6')).toBe('docker.io/istio/pilot:1.29.6');
    expect(image('istiod-1-30-3')).toBe('docker.io/istio/pilot:1.30.3');
    expect(at(findObject(objects, 'Deployment', 'istiod-1-29-6'), 'metadata', 'labels', 'helm.sh/chart')).toBe('istiod-1.29.6');
  });

  test('draining annotates the Deployment only, for analysis', () => {
    const { chart } = istiod({ revision: 'old', draining: true });
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'Deployment', 'istiod-old').metadata.annotations).toEqual({ 'cdk8s-istio.dev/draining': 'true' });
    expect(objects.filter((o) => o.metadata?.annotations?.['cdk8s-istio.dev/draining'])).toHaveLength(1);
  });
});
