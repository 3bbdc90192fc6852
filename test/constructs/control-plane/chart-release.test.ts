import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import { type Construct } from 'constructs';
import {
  brandControlPlaneChart,
  ChartRelease,
  controlPlaneChartErrors,
  type ReleaseRenderProps,
} from '../../../src/constructs/control-plane/chart-release';
import { type ChartRequest } from '../../../src/constructs/control-plane/rendered-chart';
import { isControlPlane } from '../../../src/core/control-plane';
import { isMeshChart } from '../../../src/core/mesh-profile';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { hasBrand } from '../../../src/model/brand';
import { MeshApp } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-release-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

interface TestProps extends ReleaseRenderProps {
  readonly namespace?: string;
  readonly createNamespace?: boolean;
  readonly errors?: string[];
}

/** The smallest chart construct: the fixture ztunnel chart with the given values, as given. */
class TestRelease extends ChartRelease {
  public readonly chartName = 'ztunnel';
  public request: ChartRequest;

  constructor(scope: Construct, id: string, props: TestProps = {}) {
    super(scope, id, props.namespace ?? 'istio-system', props.createNamespace);
    const values = { ...props.values, ...props.extraValues };
    this.request = this.renderRelease({ chart: 'ztunnel', release: 'zt', values, errors: props.errors ?? [] }, props);
  }

  public again(values: Record<string, unknown>, errors: string[] = []): void {
    this.request = { ...this.request, values };
    this.renderAgain(this.request, errors);
  }

  public get own(): readonly KubeObject[] {
    return this.renderedObjects;
  }

  public get values(): Record<string, unknown> {
    return this.request.values;
  }
}

function release(props: TestProps = {}): { chart: Chart; release: TestRelease } {
  const chart = new Chart(Testing.app(), 'c');
  return {
    chart,
    release: new TestRelease(chart, 'R', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders, ...props }),
  };
}

const names = (objects: readonly KubeObject[]): string[] => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();

describe('ChartRelease', () => {
  test('renders its props as the request, after the Namespace it creates, and objects() returns copies', () => {
    const timeout = Duration.seconds(30);
    const { chart, release: r } = release({ values: { logLevel: 'debug' }, extraValues: { env: { A: '1' } }, renderTimeout: timeout });
    expect(r.request).toEqual({
      chart: 'ztunnel',
      version: '1.30.3',
      sources: [ChartSource.localDir(FIXTURE_CHARTS)],
      release: 'zt',
      namespace: 'istio-system',
      values: { logLevel: 'debug', env: { A: '1' } },
      cacheDir: renders,
      renderTimeout: timeout,
      userValues: { typed: { logLevel: 'debug' }, extra: { env: { A: '1' } } },
    });
    const synthed = Testing.synth(chart);
    expect(synthed[0].kind).toBe('Namespace'); // first, so it is applied before the chart's objects
    expect(synthed[0].metadata.name).toBe('istio-system');
    expect(findObject(synthed, 'DaemonSet', 'ztunnel').metadata.namespace).toBe('istio-system');
    expect(r.objects()).toEqual(r.own);
    expect(r.objects()[0]).not.toBe(r.own[0]);
    expect(r.node.validate()).toEqual([]);
  });

  test('in a namespace Kubernetes creates it adds no Namespace; an explicit true is an error that stops the render', () => {
    const quiet = release({ namespace: 'kube-system' });
    expect(quiet.release.createNamespace).toBe(false);
    expect(quiet.release.namespaceObject).toBeUndefined();
    expect(names(Testing.synth(quiet.chart))).toEqual(['DaemonSet/ztunnel', 'ServiceAccount/ztunnel']);

    const { release: r } = release({ namespace: 'kube-system', createNamespace: true, errors: ['values.x is wrong; fix it'] });
    expect(r.own).toEqual([]);
    expect(r.node.validate()).toEqual([
      "createNamespace: true for 'kube-system': Kubernetes creates and owns that namespace, and pruning the app would delete it; leave createNamespace unset",
      'values.x is wrong; fix it',
    ]);
  });

  test('input errors stop the render and are its validation', () => {
    const { release: r } = release({ errors: ['values.x is wrong; fix it'] });
    expect(r.node.validate()).toEqual(['values.x is wrong; fix it']);
    expect(r.objects()).toEqual([]);
    expect(r.node.children.filter(ApiObject.isApiObject).map((o) => o.kind)).toEqual(['Namespace']);
  });

  test('renderAgain replaces the chart objects and the errors, and keeps the Namespace', () => {
    const { chart, release: r } = release();
    r.again({ resourceName: 'moved' });
    expect(names(Testing.synth(chart))).toEqual(['DaemonSet/moved', 'Namespace/istio-system', 'ServiceAccount/moved']);
    r.again({ resourceName: 'broken' }, ['values.resourceName is broken; fix it']);
    expect(r.node.children.filter(ApiObject.isApiObject).map((o) => o.kind)).toEqual(['Namespace']);
    expect(r.node.validate()).toEqual(['values.resourceName is broken; fix it']);
    r.again({});
    expect(r.node.validate()).toEqual([]);
    expect(names(r.objects())).toEqual(['DaemonSet/ztunnel', 'ServiceAccount/ztunnel']);
  });
});

describe('brandControlPlaneChart', () => {
  test('gives the own brand, the control-plane brand and the mesh-chart brand; a plain ChartRelease has none', () => {
    class Branded extends TestRelease {}
    brandControlPlaneChart(Branded, 'Branded');
    const chart = new Chart(Testing.app(), 'c');
    const props = { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders };
    const branded = new Branded(chart, 'B', props);
    expect([hasBrand(branded, 'Branded'), isControlPlane(branded), isMeshChart(branded)]).toEqual([true, true, true]);
    const plain = new TestRelease(chart, 'P', { ...props, createNamespace: false });
    expect([hasBrand(plain, 'Branded'), isControlPlane(plain), isMeshChart(plain)]).toEqual([false, false, false]);
  });
});

describe('controlPlaneChartErrors', () => {
  test('reports the names, then the value errors, then the conflicts with the MeshApp profile, in that order', () => {
    const app = new MeshApp({ outdir: path.join(renders, 'unused'), profile: 'ambient' });
    const r = new TestRelease(new Chart(app, 'c'), 'R', { namespace: 'Bad_NS', errors: ['stop'] });
    const errors = controlPlaneChartErrors(r, 'zt', { profile: 'demo' }, ['values.x is wrong; fix it']);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^namespace "Bad_NS" is not a valid namespace name/);
    expect(errors[1]).toBe('values.x is wrong; fix it');
    expect(errors[2]).toMatch(/^values\.profile is "demo" but the MeshApp's profile is 'ambient'/);
  });

  test('is empty for valid names and values outside a MeshApp', () => {
    const { release: r } = release();
    expect(controlPlaneChartErrors(r, 'zt', { profile: 'demo' }, [])).toEqual([]);
  });
});
