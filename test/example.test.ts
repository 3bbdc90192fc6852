import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type KubeObject } from '../src/engine/k8s/object';
import { parseDocuments } from '../src/engine/yaml/documents';
import { ChartSource } from '../src/engine/charts/chart-source';
import { EXAMPLE_CHARTS, buildExampleApp } from '../src/example';
import { MeshApp } from '../src/synth/mesh-app';
import { at, list } from './support/json';

const FIXTURE_CHARTS = path.join(__dirname, 'fixtures', 'charts');

let tmp: string;
const savedEnv = { ...process.env };

function useFixtureCharts(): void {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-example-'));
  process.env.ISTIO_CHARTS_DIR = FIXTURE_CHARTS;
  process.env.CDK8S_ISTIO_CACHE_DIR = path.join(tmp, 'cache');
}

function restore(): void {
  process.env = { ...savedEnv };
  fs.rmSync(tmp, { recursive: true, force: true });
}

function synthExample(outdir: string): void {
  const app = new MeshApp({ outdir });
  buildExampleApp(app);
  app.synth();
}

/** The manifests of an output folder (not the writer's own dot-file marker). */
function readDir(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]),
  );
}

function objectsOf(dir: string, file: string): KubeObject[] {
  return parseDocuments(fs.readFileSync(path.join(dir, `${file}.k8s.yaml`), 'utf-8')).map((d) => d.value as KubeObject);
}

function find(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

describe('example app output', () => {
  let out: string;
  beforeAll(() => {
    useFixtureCharts();
    out = path.join(tmp, 'dist');
    synthExample(out);
  });
  afterAll(restore);

  test('writes one file per concern, sorted in apply order', () => {
    expect([...readDir(out).keys()]).toEqual(
      Object.values(EXAMPLE_CHARTS)
        .map((c) => `${c}.k8s.yaml`)
        .sort(),
    );
  });

  test("creates istio-system first, from IstioBase's createNamespace default, as helm's --create-namespace did", () => {
    expect(objectsOf(out, EXAMPLE_CHARTS.base)[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'istio-system' },
    });
    expect(objectsOf(out, EXAMPLE_CHARTS.istiod).filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('labels the namespace default istio-injection=enabled', () => {
    const ns = find(objectsOf(out, EXAMPLE_CHARTS.workloads), 'Namespace', 'default');
    expect(ns.metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });

  test('has the nginx Deployment exactly as the issue describes, with the inject label', () => {
    const d = find(objectsOf(out, EXAMPLE_CHARTS.workloads), 'Deployment', 'nginx-deployment');
    expect(d.metadata.namespace).toBe('default');
    expect(at(d, 'spec', 'replicas')).toBe(2);
    expect(at(d, 'spec', 'selector')).toEqual({ matchLabels: { app: 'nginxdeployment' } });
    expect(at(d, 'spec', 'template', 'metadata', 'labels')).toMatchObject({ app: 'nginxdeployment', 'sidecar.istio.io/inject': 'true' });
    expect(at(d, 'spec', 'template', 'metadata', 'annotations')).toEqual({
      'mesh.cdk8s-istio.dev/injection': 'namespace=sidecar workload=webhook',
      'mesh.cdk8s-istio.dev/proxy-revision': 'revision=default version=1.30.3',
    });
    const containers = list(d, 'spec', 'template', 'spec', 'containers');
    expect(containers.map((c) => c.name)).toEqual(['nginxdeployment']);
    expect(containers[0].ports).toEqual([{ containerPort: 80 }]);
  });

  test('lets stock nginx run: root allowed for port 80, read-only root with writable cache and run dirs', () => {
    const spec = at(find(objectsOf(out, EXAMPLE_CHARTS.workloads), 'Deployment', 'nginx-deployment'), 'spec', 'template', 'spec');
    const container = list(spec, 'containers')[0];
    expect(at(spec, 'securityContext', 'runAsNonRoot')).toBe(false);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: false,
    });
    expect(at(container, 'securityContext', 'runAsUser')).toBeUndefined();
    const mounts = Object.fromEntries(list(container, 'volumeMounts').map((m) => [m.mountPath, m.name]));
    expect(mounts).toEqual({ '/var/cache/nginx': 'nginx-cache', '/var/run': 'nginx-run' });
    const emptyDirs = list(spec, 'volumes')
      .filter((v) => v.emptyDir)
      .map((v) => v.name)
      .sort();
    expect(emptyDirs).toEqual(['nginx-cache', 'nginx-run']);
  });

  test('requires STRICT mTLS in the namespace default', () => {
    const pa = find(objectsOf(out, EXAMPLE_CHARTS.security), 'PeerAuthentication', 'default');
    expect(pa).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'default' },
      spec: { mtls: { mode: 'STRICT' } },
    });
  });

  test('exposes nginx through an ingress gateway: its Service, an Istio Gateway selecting its pods, a route to nginx', () => {
    const ingress = objectsOf(out, EXAMPLE_CHARTS.ingress);
    const gatewayPods = at(find(ingress, 'Deployment', 'istio-ingressgateway'), 'spec', 'selector', 'matchLabels');
    expect(at(find(ingress, 'Service', 'istio-ingressgateway'), 'spec', 'type')).toBe('LoadBalancer');
    const gateway = find(ingress, 'Gateway', 'public');
    expect(gateway.metadata.namespace).toBe('istio-ingress');
    expect(at(gateway, 'spec', 'selector')).toEqual(gatewayPods);
    expect(at(gateway, 'spec', 'servers')).toEqual([{ hosts: ['*'], port: { name: 'http-80', number: 80, protocol: 'HTTP' } }]);
    const route = find(ingress, 'VirtualService', 'nginx-ingress');
    expect(at(route, 'spec', 'gateways')).toEqual(['istio-ingress/public']);
    expect(list(route, 'spec', 'http')[0].route).toEqual([
      { destination: { host: 'nginx.default.svc.cluster.local', port: { number: 80 } } },
    ]);
    const nginx = find(objectsOf(out, EXAMPLE_CHARTS.workloads), 'Service', 'nginx');
    expect(at(nginx, 'spec', 'selector')).toEqual({ app: 'nginxdeployment' });
    expect(at(nginx, 'spec', 'ports')).toEqual([{ name: 'http', port: 80, targetPort: 80 }]);
  });

  test('renders the control plane from the charts', () => {
    expect(objectsOf(out, EXAMPLE_CHARTS.base).some((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    expect(objectsOf(out, EXAMPLE_CHARTS.istiod).length).toBeGreaterThan(0);
  });
});

describe('example app synth', () => {
  beforeEach(useFixtureCharts);
  afterEach(restore);

  test('synth twice gives byte-identical files, also without the render cache', () => {
    synthExample(path.join(tmp, 'a'));
    process.env.CDK8S_ISTIO_CACHE_DIR = path.join(tmp, 'other-cache');
    synthExample(path.join(tmp, 'b'));
    expect(readDir(path.join(tmp, 'b'))).toEqual(readDir(path.join(tmp, 'a')));
  });

  test('fails with one clear message and leaves a prepared dist/ unchanged when no chart source has the charts', () => {
    delete process.env.ISTIO_CHARTS_DIR;
    const out = path.join(tmp, 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'previous.k8s.yaml'), 'kept: true\n');
    // No network: an empty local folder and an empty repository cache whose server is a closed loopback port.
    const emptyCharts = fs.mkdtempSync(path.join(tmp, 'charts-'));
    const chartSources = [
      ChartSource.localDir(emptyCharts),
      ChartSource.repository({ url: 'http://127.0.0.1:9', cacheDir: fs.mkdtempSync(path.join(tmp, 'repo-cache-')) }),
    ];
    const app = new MeshApp({ outdir: out });
    buildExampleApp(app, { chartSources });
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^synth failed: 3 invalid inputs:/);
    expect(message).toContain("istio chart 'base' version 1.30.3 not found");
    expect(message).toContain("istio chart 'istiod' version 1.30.3 not found");
    expect(message).toContain("istio chart 'gateway' version 1.30.3 not found");
    expect(message).toContain('fix: set ISTIO_CHARTS_DIR');
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    expect(readDir(out)).toEqual(new Map([['previous.k8s.yaml', 'kept: true\n']]));
  });

  test('with sync waves, every object has one: CRDs before istiod before namespaces before workloads before policies', () => {
    const out = path.join(tmp, 'out');
    const app = new MeshApp({ outdir: out, syncWaves: true });
    buildExampleApp(app);
    app.synth();
    const waves = new Map<string, string | undefined>();
    for (const text of readDir(out).values()) {
      for (const doc of parseDocuments(text)) {
        const obj = doc.value as KubeObject;
        waves.set(`${obj.kind}/${obj.metadata.name}`, obj.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
      }
    }
    expect([...waves.values()].every((w) => w !== undefined)).toBe(true);
    const wave = (key: string) => Number(waves.get(key));
    expect(wave('CustomResourceDefinition/peerauthentications.security.istio.io')).toBeLessThan(wave('Deployment/istiod'));
    expect(wave('Deployment/istiod')).toBeLessThan(wave('Namespace/default'));
    expect(wave('Namespace/default')).toBeLessThan(wave('Deployment/nginx-deployment'));
    expect(wave('Deployment/nginx-deployment')).toBeLessThan(wave('PeerAuthentication/default'));
    // The gateway's pods need istiod's injector (image: auto); its route needs the gateway.
    expect(wave('Deployment/istiod')).toBeLessThan(wave('Namespace/istio-ingress'));
    expect(wave('Namespace/istio-ingress')).toBeLessThan(wave('Deployment/istio-ingressgateway'));
    expect(wave('Deployment/istio-ingressgateway')).toBeLessThan(wave('Gateway/public'));
    expect(wave('Deployment/istio-ingressgateway')).toBeLessThan(wave('VirtualService/nginx-ingress'));
  });

  test('analyzes clean: no finding at any level', () => {
    const app = new MeshApp({ outdir: path.join(tmp, 'clean'), analysis: { failureThreshold: 'info' } });
    buildExampleApp(app);
    expect(() => app.synth()).not.toThrow();
  });
});
