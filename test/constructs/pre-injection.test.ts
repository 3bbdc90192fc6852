import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { runCli } from '../support/cli';
import { fixtureCharts1_29 } from '../engine/charts/test-helpers';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../src/constructs/control-plane/revision-tag';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { addToMesh, WorkloadInjection } from '../../src/constructs/workloads';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { parseDocuments, stringifyDocuments } from '../../src/engine/yaml/documents';
import { InjectionMode } from '../../src/model/injection-mode';
import { MeshApp } from '../../src/synth/mesh-app';

const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

/** A MeshApp; the tests only call synthFiles(), which writes nothing. */
function meshApp(): MeshApp {
  return new MeshApp({ outdir: path.join(os.tmpdir(), 'pre-injection-never-written') });
}

function web(chart: Chart, annotations: Record<string, string> = {}): kplus.Deployment {
  return new kplus.Deployment(chart, 'Web', {
    metadata: { name: 'web', namespace: 'shop' },
    select: false,
    podMetadata: { labels: { app: 'web' }, annotations },
    containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ number: 8080 }], securityContext: { ensureNonRoot: false } }],
  });
}

interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: readonly string[];
  readonly restartPolicy?: string;
}

/** What the tests read of a synthesized workload. */
interface PodTemplate {
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations: Record<string, string> };
  readonly spec: { readonly containers: readonly Container[]; readonly initContainers?: readonly Container[] };
}

interface WorkloadObject {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: { readonly template: PodTemplate; readonly jobTemplate: { readonly spec: { readonly template: PodTemplate } } };
}

/** The objects MeshApp.synth would write. */
function synthObjects(app: MeshApp): WorkloadObject[] {
  return [...app.synthFiles().values()].flatMap((text) => parseDocuments(text).map((d) => d.value as WorkloadObject));
}

function find(objects: readonly unknown[], kind: string, name: string): WorkloadObject {
  const found = (objects as readonly WorkloadObject[]).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

function podSpec(deployment: WorkloadObject): PodTemplate['spec'] {
  return deployment.spec.template.spec;
}

const proxyOf = (deployment: WorkloadObject) => podSpec(deployment).initContainers?.find((c) => c.name === 'istio-proxy');

/** Own properties of `object` that hold functions: a replaced method would show up here. */
function ownMethods(object: object): string[] {
  return Object.getOwnPropertyNames(object).filter((k) => typeof (object as Record<string, unknown>)[k] === 'function');
}

describe('pre-injected workloads', () => {
  test('renders the sidecar at synth with the values of the app istiod', () => {
    const app = meshApp();
    const istiod = new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.none() });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    const deployment = find(synthObjects(app), 'Deployment', 'web');
    const proxy = proxyOf(deployment);
    expect(proxy?.restartPolicy).toBe('Always');
    const tag = (istiod.injectionValues() as { global: { tag: string } }).global.tag;
    expect(proxy?.image).toContain(`:${tag}`);
    expect(deployment.spec.template.metadata.annotations['sidecar.istio.io/status']).toBeDefined();
    expect(deployment.spec.template.metadata.annotations['mesh.cdk8s-istio.dev/injection']).toBeUndefined();
  });

  test('opts the pre-injected template out of the webhook, which would inject it again', () => {
    const app = meshApp();
    new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop' });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    expect(find(synthObjects(app), 'Deployment', 'web').spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
  });

  test('equals what the inject command prints for the same manifest and values, but for the opt-out label', async () => {
    const app = meshApp();
    const istiod = new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const plainChart = Testing.chart();
    web(plainChart);
    const plain = find(Testing.synth(plainChart), 'Deployment', 'web');
    addToMesh(web(new Chart(app, 'injected')), WorkloadInjection.preInjected({ istiod }));
    const injected = find(synthObjects(app), 'Deployment', 'web');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-inject-'));
    try {
      fs.writeFileSync(path.join(dir, 'web.yaml'), stringifyDocuments([plain]));
      fs.writeFileSync(path.join(dir, 'values.yaml'), JSON.stringify(istiod.injectionValues()));
      fs.writeFileSync(path.join(dir, 'mesh.yaml'), JSON.stringify(istiod.meshConfig()));
      const result = await runCli([
        'inject',
        '-f',
        path.join(dir, 'web.yaml'),
        '--values',
        path.join(dir, 'values.yaml'),
        '--mesh-config',
        path.join(dir, 'mesh.yaml'),
      ]);
      expect(result.code).toBe(0);
      const fromCli = parseDocuments(result.stdout)[0].value as WorkloadObject;
      fromCli.spec.template.metadata.labels['sidecar.istio.io/inject'] = 'false';
      const withoutAddr = (o: WorkloadObject) => {
        delete o.spec.template.metadata.labels['cdk8s.io/metadata.addr'];
        return o;
      };
      expect(withoutAddr(injected)).toEqual(withoutAddr(fromCli));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('puts istio-proxy among the containers when native sidecars are off', () => {
    const app = meshApp();
    addToMesh(web(new Chart(app, 'shop')), WorkloadInjection.preInjected({ external: true, nativeSidecars: false }));
    const spec = podSpec(find(synthObjects(app), 'Deployment', 'web'));
    expect(spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(spec.containers[1].image).toBe('docker.io/istio/proxyv2:1.30.3');
  });

  test('takes values overrides for an external control plane', () => {
    const app = meshApp();
    addToMesh(
      web(new Chart(app, 'shop')),
      WorkloadInjection.preInjected({ external: true, overrides: { set: ['global.proxy.logLevel=debug'] } }),
    );
    expect(proxyOf(find(synthObjects(app), 'Deployment', 'web'))?.args).toContain('--proxyLogLevel=debug');
  });

  test('injects a cdk8s-plus-33 workload', () => {
    const app = meshApp();
    const chart = new Chart(app, 'shop');
    const d = new kplus33.Deployment(chart, 'Web', {
      metadata: { name: 'web', namespace: 'shop' },
      containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }],
    });
    addToMesh(d, WorkloadInjection.preInjected({ external: true }));
    const deployment = find(synthObjects(app), 'Deployment', 'web');
    expect(proxyOf(deployment)?.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(ownMethods(ApiObject.of(d))).toEqual([]);
  });

  test('injects a plain ApiObject and leaves the ApiObject itself untouched', () => {
    const app = meshApp();
    const chart = new Chart(app, 'shop');
    const api = new ApiObject(chart, 'Web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    addToMesh(api, WorkloadInjection.preInjected({ external: true }));
    const deployment = find(synthObjects(app), 'Deployment', 'web');
    expect(proxyOf(deployment)?.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(api.toJson).toBe(ApiObject.prototype.toJson);
    expect(ownMethods(api)).toEqual([]);
    expect((api.toJson() as WorkloadObject).spec.template.spec.initContainers).toBeUndefined();
  });

  test('injects a CronJob under its job template', () => {
    const app = meshApp();
    const chart = new Chart(app, 'shop');
    addToMesh(
      new ApiObject(chart, 'Cron', {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cron', namespace: 'shop' },
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
      }),
      WorkloadInjection.preInjected({ external: true }),
    );
    const template = find(synthObjects(app), 'CronJob', 'cron').spec.jobTemplate.spec.template;
    expect(template.spec.initContainers?.map((c) => c.name)).toContain('istio-proxy');
    expect(template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
  });

  test('is the same object every time within one synth and across synths', () => {
    const app = meshApp();
    addToMesh(web(new Chart(app, 'shop')), WorkloadInjection.preInjected({ external: true }));
    expect(app.synthFiles()).toEqual(app.synthFiles());
  });

  test('resolves the workload once to inject it, however often cdk8s validates, and once to write it', () => {
    const app = meshApp();
    const deployment = web(new Chart(app, 'shop'));
    addToMesh(deployment, WorkloadInjection.preInjected({ external: true }));
    const resolve = jest.spyOn(ApiObject.of(deployment), 'toJson');
    app.synthFiles();
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  test('fails in a plain cdk8s App, which cannot inject, saying to use MeshApp', () => {
    const chart = Testing.chart();
    addToMesh(web(chart), WorkloadInjection.preInjected({ external: true }));
    expect(() => Testing.synth(chart)).toThrow(
      '[test/Web/Mesh] pre-injection runs in MeshApp.synth(), and this app is a plain cdk8s App, whose synth would write ' +
        'the workload without its sidecar: create the app with new MeshApp() (or use WorkloadInjection.webhook())',
    );
  });

  test('fails synth when the app has no istiod to take values from', () => {
    const app = meshApp();
    addToMesh(web(new Chart(app, 'shop')), WorkloadInjection.preInjected());
    expect(() => app.synthFiles()).toThrow(/\[shop\/Web\/Mesh\] pre-injection needs the values of istiod revision 'default'/);
  });

  test('fails synth with the construct path when an annotation is one Istio rejects', () => {
    const app = meshApp();
    addToMesh(
      web(new Chart(app, 'shop'), { 'traffic.sidecar.istio.io/excludeOutboundPorts': 'eighty' }),
      WorkloadInjection.preInjected({ external: true }),
    );
    expect(() => app.synthFiles()).toThrow(/\[shop\/Web\/Mesh\] pre-injection failed: .*excludeOutboundPorts/);
  });
});

describe('pre-injection and Istio versions', () => {
  const old = [ChartSource.localDir(fixtureCharts1_29())];

  test('a workload pre-injected for a revision of another version fails synth saying what to do', () => {
    const app = meshApp();
    new Istiod(new Chart(app, 'cp'), 'Old', { sources: old, version: '1.29.6', revision: '1-29-6' });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.revision('1-29-6') });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    expect(() => app.synthFiles()).toThrow(
      /\[shop\/Web\/Mesh\] pre-injection renders Istio 1\.30\.3's sidecar only, but revision '1-29-6' is served by cp\/Old at version 1\.29\.6: inject this workload with the webhook .*or move it to a revision of version 1\.30\.3/,
    );
  });

  test('next to a 1.29 revision, a workload of the 1.30.3 revision is pre-injected with 1.30.3', () => {
    const app = meshApp();
    new Istiod(new Chart(app, 'cp'), 'Old', { sources: old, version: '1.29.6', revision: '1-29-6' });
    new Istiod(new Chart(app, 'cp-new'), 'New', { sources, revision: '1-30-3' });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.revision('1-30-3') });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    expect(proxyOf(find(synthObjects(app), 'Deployment', 'web'))?.image).toBe('docker.io/istio/proxyv2:1.30.3');
  });
});

describe('pre-injection in a namespace on a revision tag', () => {
  test("renders the sidecar of the tag's Istiod", () => {
    const app = meshApp();
    const cp = new Chart(app, 'cp');
    new Istiod(cp, 'Blue', { revision: 'blue', sources });
    new RevisionTag(cp, 'Prod', { name: 'prod', revision: new Istiod(cp, 'Green', { revision: 'green', sources }) });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.revision('prod') });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    const proxy = JSON.stringify(proxyOf(find(synthObjects(app), 'Deployment', 'web')));
    expect(proxy).toContain('istiod-green.istio-system.svc');
    expect(proxy).not.toContain('istiod-blue');
  });
});
