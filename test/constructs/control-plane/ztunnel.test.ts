import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type App, Chart, Testing } from 'cdk8s';
import { Ztunnel, type ZtunnelProps } from '../../../src/constructs/control-plane/ztunnel';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { MeshApp, type MeshAppProps } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'ztunnel-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const sources = [ChartSource.localDir(FIXTURE_CHARTS)];

function ztunnel(props: ZtunnelProps = {}, app: App = Testing.app()): { objects: KubeObject[]; ztunnel: Ztunnel } {
  const chart = new Chart(app, 'cp');
  const construct = new Ztunnel(chart, 'Ztunnel', { sources, renderCacheDir: renders, ...props });
  return { objects: Testing.synth(chart) as KubeObject[], ztunnel: construct };
}

const meshApp = (props: MeshAppProps = {}): MeshApp => new MeshApp({ outdir: path.join(renders, 'unused'), ...props });
const container = (objects: readonly KubeObject[]) => findObject(objects, 'DaemonSet', 'ztunnel').spec.template.spec.containers[0];
const env = (objects: readonly KubeObject[], name: string): unknown =>
  (container(objects).env as Array<{ name: string; value?: string }>).find((e) => e.name === name)?.value;

describe('Ztunnel', () => {
  test('renders the ztunnel chart with the image pinned to docker.io/istio at 1.30.3', () => {
    const { objects, ztunnel: construct } = ztunnel();
    expect(container(objects).image).toBe('docker.io/istio/ztunnel:1.30.3');
    expect(findObject(objects, 'ServiceAccount', 'ztunnel').metadata.namespace).toBe('istio-system');
    expect(construct.values).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
    findObject(objects, 'Namespace', 'istio-system');
  });

  test('in kube-system it creates no Namespace and still connects to istiod in istio-system', () => {
    const { objects, ztunnel: construct } = ztunnel({ namespace: 'kube-system' });
    expect(construct.createNamespace).toBe(false);
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(findObject(objects, 'DaemonSet', 'ztunnel').metadata.namespace).toBe('kube-system');
    expect(env(objects, 'CA_ADDRESS')).toBe('istiod.istio-system.svc:15012');
  });

  test("takes the MeshApp's profile and platform (ambient: distroless image; OpenShift: the privileged SCC role)", () => {
    const { objects, ztunnel: construct } = ztunnel({ namespace: 'kube-system' }, meshApp({ profile: 'ambient', platform: 'openshift' }));
    expect(construct.values).toMatchObject({ profile: 'ambient', global: { platform: 'openshift' } });
    expect(container(objects).image).toBe('docker.io/istio/ztunnel:1.30.3-distroless');
    findObject(objects, 'ClusterRole', 'ztunnel');
  });

  test('a chart-level hub wins over the pinned global one, as in the chart', () => {
    expect(container(ztunnel({ values: { hub: 'mirror.example/istio' } }).objects).image).toBe('mirror.example/istio/ztunnel:1.30.3');
  });

  test('typed values reach the DaemonSet: revision and istioNamespace pick the istiod, resourceName names it', () => {
    const { objects } = ztunnel({ values: { revision: 'canary', istioNamespace: 'mesh', logLevel: 'debug' } });
    expect(env(objects, 'XDS_ADDRESS')).toBe('istiod-canary.mesh.svc:15012');
    expect(env(objects, 'RUST_LOG')).toBe('debug');
    findObject(ztunnel({ values: { resourceName: 'zt' } }).objects, 'DaemonSet', 'zt');
  });

  test('invalid values and contradictions with the MeshApp are synth errors', () => {
    const app = meshApp({ profile: 'ambient' });
    new Ztunnel(new Chart(app, 'cp'), 'Ztunnel', { sources, values: { profile: 'demo', logLevel: 'very loud' } });
    expect(() => app.synthFiles()).toThrow(
      /values\.logLevel is "very loud"[\s\S]*values\.profile is "demo" but the MeshApp's profile is 'ambient'/,
    );
  });

  test('is recognized by brand', () => {
    const made = new Ztunnel(new Chart(Testing.app(), 'c'), 'Z', { sources: [] });
    expect(Ztunnel.isZtunnel(made)).toBe(true);
    expect(Ztunnel.isZtunnel({})).toBe(false);
  });
});
