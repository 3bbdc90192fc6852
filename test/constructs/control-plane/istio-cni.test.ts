import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type App, Chart, Testing } from 'cdk8s';
import { IstioCni, type IstioCniProps } from '../../../src/constructs/control-plane/istio-cni';
import { synthWarnings } from '../../../src/core/warnings';
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

const warnings = (construct: IstioCni): string[] => synthWarnings([construct]).map((w) => w.message);

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

  test('a top-level value the profile or platform sets under cni is dropped, as helm drops it, with a warning naming the fix', () => {
    const { objects, cni: construct } = inMeshApp(
      { profile: 'ambient', platform: 'k3s' },
      { values: { cniBinDir: '/opt/custom', ambient: { enabled: false } } },
    );
    expect(construct.values).toMatchObject({ cniBinDir: '/opt/custom', ambient: { enabled: false } });
    expect(construct.values.cni).toBeUndefined();
    expect(binDir(objects)).toBe('/var/lib/rancher/k3s/data/cni');
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('true');
    expect(warnings(construct)).toEqual([
      `values.cniBinDir ("/opt/custom") is dropped by chart cni 1.30.3: the platform 'k3s' settings set cni.cniBinDir to ` +
        '"/var/lib/rancher/k3s/data/cni", and the chart copies cni.* over the top level last; set it as values.cni.cniBinDir to have yours win',
      "values.ambient.enabled (false) is dropped by chart cni 1.30.3: the profile 'ambient' settings set cni.ambient.enabled to " +
        'true, and the chart copies cni.* over the top level last; set it as values.cni.ambient.enabled to have yours win',
    ]);
  });

  test('under cni the same values win over the profile and platform, without a warning', () => {
    const { objects, cni: construct } = inMeshApp(
      { profile: 'ambient', platform: 'k3s' },
      { values: { cni: { cniBinDir: '/opt/custom', ambient: { enabled: false } } } },
    );
    expect(binDir(objects)).toBe('/opt/custom');
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('false');
    expect(warnings(construct)).toEqual([]);
  });

  test('values no selected file sets under cni stay silent, whether they apply or not', () => {
    const { objects, cni: construct } = inMeshApp(
      { profile: 'ambient' },
      { values: { cniConfDir: '/etc/custom', chained: false, ambient: { enabled: true } }, extraValues: { cniNetnsDir: '/run/netns' } },
    );
    expect(findObject(objects, 'ConfigMap', 'istio-cni-config').data.CHAINED_CNI_PLUGIN).toBe('false');
    expect(warnings(construct)).toEqual([]);
    expect(warnings(cni({ values: { cniBinDir: '/opt/custom', resources: { limits: { cpu: '1' } } } }).cni)).toEqual([]);
  });

  test('the demo profile and a compatibility version are read from the chart; extraValues are named as such', () => {
    const demo = cni({ values: { profile: 'demo', resources: { requests: { cpu: '1', memory: '40Mi' } } } }).cni;
    expect(warnings(demo)).toEqual([
      expect.stringMatching(/^values\.resources\.requests\.cpu \("1"\) is dropped .* profile 'demo' settings/),
    ]);
    const older = cni({ extraValues: { compatibilityVersion: '1.28', ambient: { reconcileIptablesOnStartup: true } } });
    const data = findObject(Testing.synth(older.chart), 'ConfigMap', 'istio-cni-config').data;
    expect(data.AMBIENT_RECONCILE_POD_RULES_ON_STARTUP).toBe('false');
    expect(warnings(older.cni)).toEqual([
      expect.stringMatching(
        /^extraValues\.ambient\.reconcileIptablesOnStartup \(true\) is dropped .*compatibilityVersion '1\.28'.* extraValues\.cni\./,
      ),
    ]);
  });

  test("on GKE the CNI binaries go to GKE's folder, which an offline render cannot detect; a top-level folder is dropped, as on a GKE cluster", () => {
    expect(binDir(inMeshApp({ platform: 'gke' }).objects)).toBe('/home/kubernetes/bin');
    expect(binDir(Testing.synth(cni({ values: { global: { platform: 'gke' } } }).chart))).toBe('/home/kubernetes/bin');
    expect(binDir(inMeshApp({ platform: 'gke' }, { values: { cni: { cniBinDir: '/custom' } } }).objects)).toBe('/custom');
    const topLevel = inMeshApp({ platform: 'gke' }, { values: { cniBinDir: '/custom' } });
    expect(binDir(topLevel.objects)).toBe('/home/kubernetes/bin');
    expect(warnings(topLevel.cni)).toEqual([
      expect.stringContaining(
        `values.cniBinDir ("/custom") is dropped by chart cni 1.30.3: the platform 'gke' settings set cni.cniBinDir to ""`,
      ),
    ]);
  });

  test('checks the cni block like the top level', () => {
    expect(synthError({}, { values: { cni: { cniBinDir: 7 as unknown as string, repair: { deletePods: true } } } })).toMatch(
      /values\.cni\.cniBinDir is 7: must be a string.*only one repair mode works/s,
    );
    expect(synthError({}, { extraValues: { cni: 'x' } })).toContain(`values.cni is "x": must be a map of the chart's keys`);
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
