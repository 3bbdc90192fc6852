import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { runCli } from '../support/cli';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { addToMesh, WorkloadInjection } from '../../src/constructs/workloads';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { parseDocuments, stringifyDocuments } from '../../src/engine/yaml/documents';
import { InjectionMode } from '../../src/model/injection-mode';
import { MeshApp } from '../../src/synth/mesh-app';

const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

function web(chart: Chart, annotations: Record<string, string> = {}): kplus.Deployment {
  return new kplus.Deployment(chart, 'Web', {
    metadata: { name: 'web', namespace: 'shop' },
    select: false,
    podMetadata: { labels: { app: 'web' }, annotations },
    containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ number: 8080 }], securityContext: { ensureNonRoot: false } }],
  });
}

function deploymentOf(chart: Chart): any {
  return Testing.synth(chart).find((o) => o.kind === 'Deployment' && o.metadata.name === 'web');
}

function podSpec(deployment: any): any {
  return deployment.spec.template.spec;
}

describe('pre-injected workloads', () => {
  test('renders the sidecar at synth with the values of the app istiod', () => {
    const app = Testing.app();
    const istiod = new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.none() });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    const deployment = deploymentOf(chart);
    const proxy = podSpec(deployment).initContainers.find((c: any) => c.name === 'istio-proxy');
    expect(proxy.restartPolicy).toBe('Always');
    const tag = (istiod.injectionValues() as any).global.tag;
    expect(proxy.image).toContain(`:${tag}`);
    expect(deployment.spec.template.metadata.annotations['sidecar.istio.io/status']).toBeDefined();
    expect(deployment.spec.template.metadata.annotations['mesh.cdk8s-istio.dev/injection']).toBeUndefined();
  });

  test('opts the pre-injected template out of the webhook, which would inject it again', () => {
    const app = Testing.app();
    new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const chart = new Chart(app, 'shop');
    new MeshNamespace(chart, 'Shop', { name: 'shop' });
    addToMesh(web(chart), WorkloadInjection.preInjected());
    expect(deploymentOf(chart).spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
  });

  test('equals what the inject command prints for the same manifest and values, but for the opt-out label', async () => {
    const app = Testing.app();
    const istiod = new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    const plainChart = new Chart(app, 'plain');
    web(plainChart);
    const injectedChart = new Chart(app, 'injected');
    addToMesh(web(injectedChart), WorkloadInjection.preInjected({ istiod }));
    const plain = deploymentOf(plainChart);
    const injected = deploymentOf(injectedChart);

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
      const fromCli = parseDocuments(result.stdout)[0].value as any;
      fromCli.spec.template.metadata.labels['sidecar.istio.io/inject'] = 'false';
      const withoutAddr = (o: any) => {
        delete o.spec.template.metadata.labels['cdk8s.io/metadata.addr'];
        return o;
      };
      expect(withoutAddr(injected)).toEqual(withoutAddr(fromCli));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('puts istio-proxy among the containers when native sidecars are off', () => {
    const chart = Testing.chart();
    addToMesh(web(chart), WorkloadInjection.preInjected({ external: true, nativeSidecars: false }));
    const spec = podSpec(deploymentOf(chart));
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(spec.containers[1].image).toBe('docker.io/istio/proxyv2:1.30.3');
  });

  test('takes values overrides for an external control plane', () => {
    const chart = Testing.chart();
    addToMesh(web(chart), WorkloadInjection.preInjected({ external: true, overrides: { set: ['global.proxy.logLevel=debug'] } }));
    const proxy = podSpec(deploymentOf(chart)).initContainers.find((c: any) => c.name === 'istio-proxy');
    expect(proxy.args).toContain('--proxyLogLevel=debug');
  });

  test('fails synth when the app has no istiod to take values from', () => {
    const app = new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'pre-inject-out-')) });
    const chart = new Chart(app, 'shop');
    addToMesh(web(chart), WorkloadInjection.preInjected());
    expect(() => app.synthFiles()).toThrow(/\[shop\/Web\/Mesh\] pre-injection needs the values of istiod revision 'default'/);
  });

  test('fails synth with the construct path when an annotation is one Istio rejects', () => {
    const app = new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'pre-inject-out-')) });
    const chart = new Chart(app, 'shop');
    addToMesh(web(chart, { 'traffic.sidecar.istio.io/excludeOutboundPorts': 'eighty' }), WorkloadInjection.preInjected({ external: true }));
    expect(() => app.synthFiles()).toThrow(/\[shop\/Web\/Mesh\] pre-injection failed: .*excludeOutboundPorts/);
  });
});
