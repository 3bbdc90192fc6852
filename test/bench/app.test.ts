// What the benchmark apps contain (no timings here: `npm run bench` measures). Guards against the bench
// silently measuring the wrong thing, e.g. a variant without sidecars or without its policies.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchChartsDir, buildBenchApp, type Variant } from '../../bench/app';
import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { at } from '../support/json';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-app-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function synthesize(variant: Variant, n: number): KubeObject[] {
  const outdir = path.join(work, `${variant}-${n}`);
  buildBenchApp(variant, n, outdir, { renderCacheDir: path.join(work, 'cache') }).synth();
  return fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8'), f).map((d) => d.value as KubeObject));
}

const count = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind).length;
const deployment = (objects: readonly KubeObject[], name: string) =>
  objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
const podLabels = (d: KubeObject | undefined) => (at(d, 'spec', 'template', 'metadata', 'labels') ?? {}) as Record<string, string>;
const hasProxy = (d: KubeObject | undefined) => JSON.stringify(at(d, 'spec', 'template', 'spec') ?? {}).includes('"name":"istio-proxy"');

describe('benchmark apps', () => {
  test('plain variant has a Deployment and a Service per workload over N/10 namespaces, and no mesh objects', () => {
    const objects = synthesize('plain', 20);
    expect([count(objects, 'Deployment'), count(objects, 'Service'), count(objects, 'Namespace')]).toEqual([20, 20, 2]);
    expect(count(objects, 'PeerAuthentication')).toBe(0);
    expect(podLabels(deployment(objects, 'app-3'))['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('webhook variant labels pods for injection and requires mTLS per namespace', () => {
    const objects = synthesize('webhook', 20);
    expect([
      count(objects, 'Deployment'),
      count(objects, 'Service'),
      count(objects, 'Namespace'),
      count(objects, 'PeerAuthentication'),
    ]).toEqual([20, 20, 2, 2]);
    const app3 = deployment(objects, 'app-3');
    expect(podLabels(app3)['sidecar.istio.io/inject']).toBe('true');
    expect(hasProxy(app3)).toBe(false);
  });

  test('pre-injected variant carries the sidecar in the pod template', () => {
    const objects = synthesize('pre-injected', 10);
    expect(count(objects, 'Deployment')).toBe(10);
    expect(hasProxy(deployment(objects, 'app-7'))).toBe(true);
  });

  test('control-plane variant adds istiod from the fixture charts when ISTIO_CHARTS_DIR is unset', () => {
    expect(benchChartsDir({})).toBe(path.join(__dirname, '..', 'fixtures', 'charts'));
    const objects = synthesize('control-plane', 10);
    expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'istiod')).toBe(true);
    expect(count(objects, 'PeerAuthentication')).toBe(1);
  });
});
