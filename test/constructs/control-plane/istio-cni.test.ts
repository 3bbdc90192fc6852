import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type App, Chart, Testing } from 'cdk8s';
import { IstioCni, type IstioCniProps } from '../../../src/constructs/control-plane/istio-cni';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { type IstioPlatform } from '../../../src/model/values/platform';
import { MeshApp, type MeshAppProps } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-cni-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const sources = [ChartSource.localDir(FIXTURE_CHARTS)];

function cni(props: IstioCniProps = {}, app: App = Testing.app()): { chart: Chart; cni: IstioCni } {
  const chart = new Chart(app, 'cp');
  return { chart, cni: new IstioCni(chart, 'Cni', { sources, renderCacheDir: renders, ...props }) };
}

function inMeshApp(appProps: MeshAppProps, props: IstioCniProps = {}): { objects: KubeObject[]; cni: IstioCni } {
  const app = new MeshApp({ outdir: path.join(renders, 'unused'), ...appProps });
  const made = cni(props, app);
  return { objects: Testing.synth(made.chart) as KubeObject[], cni: made.cni };
}

function synthError(appProps: MeshAppProps, props: IstioCniProps): string {
  const app = new MeshApp({ outdir: path.join(renders, 'unused'), ...appProps });
  cni(props, app);
  try {
    app.synthFiles();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('synth did not fail');
}

const binDir = (objects: readonly KubeObject[]): string =>
  findObject(objects, 'DaemonSet', 'istio-cni-node').spec.template.spec.volumes.find((v: { name: string }) => v.name === 'cni-bin-dir')
    .hostPath.path;

describe('IstioCni', () => {
  test('renders the cni chart with the install-cni image pinned to docker.io/istio at 1.30.3, and creates its namespace', () => {
    const objects = Testing.synth(cni().chart);
    const daemonSet = findObject(objects, 'DaemonSet', 'istio-cni-node');
    expect(daemonSet.metadata.namespace).toBe('istio-system');
    expect(daemonSet.spec.template.spec.containers[0].image).toBe('docker.io/istio/install-cni:1.30.3');
    expect(daemonSet.metadata.labels['app.kubernetes.io/instance']).toBe('istio-cni');
    findObject(objects, 'Namespace', 'istio-system');
  });

  test('in kube-system it creates no Namespace (Kubernetes owns it), and says so when asked to', () => {
    const { chart, cni: construct } = cni({ namespace: 'kube-system' });
    const objects = Testing.synth(chart);
    expect(construct.createNamespace).toBe(false);
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(findObject(objects, 'DaemonSet', 'istio-cni-node').metadata.namespace).toBe('kube-system');
    expect(synthError({}, { namespace: 'kube-system', createNamespace: true })).toContain(
      "createNamespace: true for 'kube-system': Kubernetes creates and owns that namespace",
    );
  });

  test("takes the MeshApp's profile: ambient turns on redirection and the distroless image", () => {
    const { objects, cni: construct } = inMeshApp({ profile: 'ambient' });
    expect(construct.values.profile).toBe('ambient');
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('true');
    expect(findObject(objects, 'DaemonSet', 'istio-cni-node').spec.template.spec.containers[0].image).toBe(
      'docker.io/istio/install-cni:1.30.3-distroless',
    );
  });

  test("a value the platform also sets wins: the user's cniBinDir on k3s, ambient.enabled false under the ambient profile", () => {
    const { objects } = inMeshApp(
      { profile: 'ambient', platform: 'k3s' },
      { values: { cniBinDir: '/opt/custom', ambient: { enabled: false } } },
    );
    expect(binDir(objects)).toBe('/opt/custom');
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('false');
    expect(binDir(inMeshApp({ platform: 'k3s' }).objects)).toBe('/var/lib/rancher/k3s/data/cni');
  });

  test("on GKE the CNI binaries go to GKE's folder, which an offline render cannot detect", () => {
    expect(binDir(inMeshApp({ platform: 'gke' }).objects)).toBe('/home/kubernetes/bin');
    expect(binDir(Testing.synth(cni({ values: { global: { platform: 'gke' } } }).chart))).toBe('/home/kubernetes/bin');
    expect(binDir(inMeshApp({ platform: 'gke' }, { values: { cniBinDir: '/opt/cni/bin' } }).objects)).toBe('/opt/cni/bin');
  });

  test('on OpenShift the cluster role may use the privileged SecurityContextConstraints, and the plugin is not chained', () => {
    const { objects } = inMeshApp({ platform: 'openshift' }, { namespace: 'kube-system' });
    const rules = findObject(objects, 'ClusterRole', 'istio-cni').rules as Array<{ apiGroups: string[] }>;
    expect(rules.some((r) => r.apiGroups.includes('security.openshift.io'))).toBe(true);
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.CHAINED_CNI_PLUGIN).toBe('false');
  });

  test("a profile or platform that contradicts the MeshApp's is a synth error naming both", () => {
    expect(synthError({ profile: 'ambient' }, { values: { profile: 'demo' } })).toContain(
      `values.profile is "demo" but the MeshApp's profile is 'ambient'`,
    );
    expect(synthError({ platform: 'gke' }, { extraValues: { global: { platform: 'k3s' } } })).toContain(
      `values.global.platform is "k3s" but the MeshApp's platform is 'gke'`,
    );
  });

  test('a platform the charts do not know is a synth error listing the valid ones, before helm runs', () => {
    expect(synthError({}, { values: { global: { platform: 'eks' as IstioPlatform } } })).toContain(
      'values.global.platform is "eks": must be one of gke, k3d, k3s, microk8s, minikube, openshift',
    );
  });

  test('in a plain cdk8s App its own values rule', () => {
    const { chart, cni: construct } = cni({ values: { profile: 'ambient', global: { platform: 'k3s' } } });
    expect(construct.values).toMatchObject({ profile: 'ambient', global: { platform: 'k3s' } });
    expect(findObject(Testing.synth(chart), 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('true');
  });

  test('renders with repair off, where the chart prints a bare separator after a Source header before the ambient role', () => {
    const objects = Testing.synth(cni({ values: { profile: 'ambient', repair: { enabled: false } } }).chart);
    findObject(objects, 'ClusterRole', 'istio-cni-ambient');
    expect(objects.filter((o) => o.metadata.name === 'istio-cni-repair-role')).toEqual([]);
    findObject(Testing.synth(cni({ values: { profile: 'ambient' } }).chart), 'ClusterRole', 'istio-cni-repair-role');
  });

  test('is recognized by brand', () => {
    expect(IstioCni.isIstioCni(cni({ sources: [] }).cni)).toBe(true);
    expect(IstioCni.isIstioCni({})).toBe(false);
  });
});
