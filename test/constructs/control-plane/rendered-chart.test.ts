import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, type IResolver, JsonPatch, type ResolutionContext, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addApiObjects, renderOrRecord } from '../../../src/constructs/control-plane/rendered-chart';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { IstioBase } from '../../../src/constructs/control-plane/istio-base';
import { synthWarnings } from '../../../src/core/warnings';
import { FIXTURE_CHARTS, fixtureCharts1_29, withFakeHelm } from '../../engine/charts/test-helpers';

const obj = (kind: string, name: string, namespace?: string, apiVersion = 'v1') => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('addApiObjects', () => {
  test('ids come from kind and name, then namespace, then apiVersion when they repeat', () => {
    const scope = new Construct(new Chart(Testing.app(), 'c'), 'scope');
    addApiObjects(
      scope,
      [
        obj('ConfigMap', 'a', 'x'),
        obj('ConfigMap', 'a', 'y'),
        obj('Role', 'r', 'x', 'rbac.authorization.k8s.io/v1'),
        obj('Role', 'r', 'x', 'a.example/v1'),
        obj('Role', 'r', 'x', 'b.example/v1'),
      ],
      [],
    );
    expect(scope.node.children.map((c) => c.node.id)).toEqual([
      'ConfigMap-a',
      'ConfigMap-y-a',
      'Role-r',
      'Role-x-r',
      'b.example.v1-Role-x-r',
    ]);
  });

  test('records the same object rendered twice as an error and adds it once', () => {
    const scope = new Construct(new Chart(Testing.app(), 'c'), 'scope');
    const errors: string[] = [];
    addApiObjects(scope, [obj('ConfigMap', 'a', 'x'), obj('ConfigMap', 'a', 'x')], errors);
    expect(errors).toEqual([expect.stringContaining('the chart rendered ConfigMap a twice')]);
    expect(scope.node.children).toHaveLength(1);
  });
});

describe('addApiObjects JSON', () => {
  const rendered = () => ({
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'cm', labels: { b: '2', a: '1' }, creationTimestamp: null },
    data: { z: 'last', a: 'first', gone: null },
    spec: { list: [{ y: 1, x: [null, 'k'] }, 'plain'], empty: {} },
  });

  /** The JSON cdk8s's own ApiObject gives for the same object in the same kind of chart. */
  function cdk8sJson(chartProps: { namespace?: string; labels?: Record<string, string> }, patch?: JsonPatch): unknown {
    const plain = new ApiObject(new Chart(Testing.app(), 'plain', chartProps), 'ConfigMap-cm', rendered());
    if (chartProps.namespace) plain.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    if (patch) plain.addJsonPatch(patch);
    return plain.toJson();
  }

  function renderedObject(chartProps: { namespace?: string; labels?: Record<string, string> }, app: App = Testing.app()): ApiObject {
    const chart = new Chart(app, 'c', chartProps);
    addApiObjects(chart, [rendered()], []);
    return chart.node.findChild('ConfigMap-cm') as ApiObject;
  }

  test('is what cdk8s gives: keys sorted, nulls dropped, chart labels added, apiVersion, kind and metadata first', () => {
    const json = renderedObject({ labels: { chart: 'label' } }).toJson();
    expect(json).toEqual(cdk8sJson({ labels: { chart: 'label' } }));
    expect(JSON.stringify(json)).toBe(JSON.stringify(cdk8sJson({ labels: { chart: 'label' } })));
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'spec']);
  });

  test('drops the namespace of a cluster-scoped object inside a namespaced chart, and applies later JSON patches', () => {
    const patch = JsonPatch.add('/data/added', 'yes');
    const apiObject = renderedObject({ namespace: 'istio-system' });
    apiObject.addJsonPatch(patch);
    const json = apiObject.toJson();
    expect(json.metadata.namespace).toBeUndefined();
    expect(json.data.added).toBe('yes');
    expect(JSON.stringify(json)).toBe(JSON.stringify(cdk8sJson({ namespace: 'istio-system' }, patch)));
  });

  test("goes through the app's own resolvers when it has some", () => {
    const upper: IResolver = {
      resolve: (context: ResolutionContext) => {
        if (context.value === 'first') context.replaceValue('FIRST');
      },
    };
    const json = renderedObject({}, new App({ outdir: Testing.app().outdir, resolvers: [upper] })).toJson();
    expect(json.data.a).toBe('FIRST');
  });
});

describe('renderOrRecord', () => {
  test('turns a missing chart into a recorded error and no objects', () => {
    const errors: string[] = [];
    const objects = renderOrRecord(
      {
        chart: 'base',
        version: '1.30.3',
        sources: [ChartSource.localDir('/nonexistent')],
        release: 'istio-base',
        namespace: 'istio-system',
        values: {},
      },
      errors,
    );
    expect(objects).toEqual([]);
    expect(errors).toEqual([expect.stringContaining("istio chart 'base' version 1.30.3 not found")]);
  });

  test('passes renderTimeout to helm: a helm that hangs is stopped at it and recorded as one error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rendered-chart-test-'));
    try {
      const errors: string[] = [];
      withFakeHelm(tmp, 'exec sleep 30', () =>
        renderOrRecord(
          {
            chart: 'base',
            version: '1.30.3',
            sources: [ChartSource.localDir(FIXTURE_CHARTS)],
            release: 'istio-base',
            namespace: 'istio-system',
            values: {},
            cacheDir: path.join(tmp, 'renders'),
            renderTimeout: Duration.millis(500),
          },
          errors,
        ),
      );
      expect(errors).toEqual([
        expect.stringMatching(/^helm template istio-base \(.*\) did not finish within 0\.5 s and was stopped; .*renderTimeout/),
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('values another release does not read', () => {
  const renders = path.join(os.tmpdir(), `rendered-chart-versions-${process.pid}`);
  afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));
  const sources = [ChartSource.localDir(fixtureCharts1_29())];

  test('a typed key the 1.29 chart does not read fails synth naming it and the fix', () => {
    const chart = new Chart(Testing.app(), 'c');
    new IstioBase(chart, 'Base', { version: '1.29.6', sources, renderCacheDir: renders, values: { global: { enableReaderRBAC: false } } });
    expect(() => Testing.synth(chart)).toThrow(
      /values\.global\.enableReaderRBAC is not read by chart base 1\.29\.6 .*: remove it, or render version 1\.30\.3/,
    );
  });

  test('an extra key the chart does not read is a synth warning, and the chart still renders', () => {
    const chart = new Chart(Testing.app(), 'c');
    new IstioBase(chart, 'Base', { version: '1.29.6', sources, renderCacheDir: renders, extraValues: { global: { noSuchKey: 1 } } });
    const objects = Testing.synth(chart) as { kind: string }[];
    expect(objects.some((o) => o.kind === 'ValidatingWebhookConfiguration')).toBe(true);
    expect(synthWarnings(chart.node.findAll()).map((w) => w.message)).toEqual([
      expect.stringMatching(/^extraValues\.global\.noSuchKey is not read by chart base 1\.29\.6 .*so helm ignores it/),
    ]);
  });

  test('the same values at 1.30.3 are not checked against the chart (the typed values describe it)', () => {
    const chart = new Chart(Testing.app(), 'c');
    new IstioBase(chart, 'Base', {
      sources: [ChartSource.localDir(FIXTURE_CHARTS)],
      renderCacheDir: renders,
      values: { global: { enableReaderRBAC: false } },
    });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(synthWarnings(chart.node.findAll())).toEqual([]);
  });
});
