import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { chartFromOci } from '../../../src/engine/charts/oci';
import { renderChart } from '../../../src/engine/charts/render';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { setProcessRunner } from '../../../src/engine/process/runner';
import { UserError } from '../../../src/errors';
import { countingRunner, FIXTURE_CHARTS, findObject, listTree, startSilentTcpServer, useTempDir } from './test-helpers';

// A read-only OCI registry on loopback, in its own process (helm pull runs synchronously), serving the
// packaged fixture charts under /v2/charts/<name>: a manifest, a helm config blob and the chart layer.
const REGISTRY = `
const http = require('http'), fs = require('fs'), crypto = require('crypto'), path = require('path');
const [dir, log] = process.argv.slice(1);
const sha = (b) => 'sha256:' + crypto.createHash('sha256').update(b).digest('hex');
const repos = {}, blobs = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tgz'))) {
  const [, name, version] = file.match(/^(.*)-(\\d+\\.\\d+\\.\\d+)\\.tgz$/);
  const layer = fs.readFileSync(path.join(dir, file));
  const config = Buffer.from(JSON.stringify({ apiVersion: 'v2', name, version }));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: sha(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: sha(layer), size: layer.length }] }));
  repos[name] = { [version]: manifest, [sha(manifest)]: manifest };
  blobs[sha(config)] = config; blobs[sha(layer)] = layer;
}
http.createServer((req, res) => {
  fs.appendFileSync(log, req.method + ' ' + req.url + '\\n');
  const send = (type, body, digest) => { res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Docker-Content-Digest': digest }); res.end(req.method === 'HEAD' ? undefined : body); };
  let m = req.url.match(/^\\/v2\\/charts\\/([^/]+)\\/manifests\\/(.+)$/);
  if (m && repos[m[1]] && repos[m[1]][m[2]]) return send('application/vnd.oci.image.manifest.v1+json', repos[m[1]][m[2]], sha(repos[m[1]][m[2]]));
  m = req.url.match(/^\\/v2\\/charts\\/[^/]+\\/blobs\\/(.+)$/);
  if (m && blobs[m[1]]) return send('application/octet-stream', blobs[m[1]], m[1]);
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"not found"}]}');
}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });
`;

let packaged: string;
let requestLog: string;
let registry: ChildProcess;
let ref: string;

beforeAll(async () => {
  packaged = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-registry-'));
  requestLog = path.join(packaged, 'requests.log');
  for (const dir of ['base', 'istio-control/istio-discovery', 'istio-cni', 'ztunnel']) {
    const result = spawnSync(locateHelm(), ['package', path.join(FIXTURE_CHARTS, dir), '--destination', packaged], { encoding: 'utf-8' });
    if (result.status !== 0) throw new Error(result.stderr);
  }
  registry = spawn(process.execPath, ['-e', REGISTRY, packaged, requestLog], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => registry.stdout!.once('data', (d) => resolve(String(d).trim())));
  ref = `oci://127.0.0.1:${port}/charts`;
});

afterAll(() => {
  registry?.kill();
  fs.rmSync(packaged, { recursive: true, force: true });
});

const cacheDir = useTempDir('oci-cache-');
// helm keeps registry logins and pulled content under its config and cache homes; keep the user's untouched.
beforeEach(() => {
  process.env.HELM_CONFIG_HOME = path.join(cacheDir(), 'helm-config');
  process.env.HELM_CACHE_HOME = path.join(cacheDir(), 'helm-cache');
});
afterEach(() => {
  delete process.env.HELM_CONFIG_HOME;
  delete process.env.HELM_CACHE_HOME;
});

describe('chartFromOci', () => {
  test('pulls the chart from a registry with helm, then renders it', () => {
    const chart = resolveChart('istiod', '1.30.3', [ChartSource.oci(ref, { plainHttp: true, cacheDir: cacheDir() })]);
    expect(chart.path.endsWith('istiod-1.30.3.tgz')).toBe(true);
    expect(fs.readFileSync(requestLog, 'utf-8')).toContain('/v2/charts/istiod/manifests/1.30.3');
    const objects = renderChart({
      chart,
      release: 'istiod',
      namespace: 'istio-system',
      values: {},
      cacheDir: path.join(cacheDir(), 'renders'),
    });
    findObject(objects, 'Deployment', 'istiod');
  });

  test.each([
    ['cni', 'DaemonSet', 'istio-cni-node'],
    ['ztunnel', 'DaemonSet', 'ztunnel'],
  ] as const)('finds the %s chart by its published name', (name, kind, object) => {
    const chart = resolveChart(name, '1.30.3', [ChartSource.oci(ref, { plainHttp: true, cacheDir: cacheDir() })]);
    expect(fs.readFileSync(requestLog, 'utf-8')).toContain(`/v2/charts/${name}/manifests/1.30.3`);
    const objects = renderChart({ chart, release: name, namespace: 'kube-system', values: {}, cacheDir: path.join(cacheDir(), 'renders') });
    findObject(objects, kind, object);
  });

  test('uses the cached archive afterwards without starting helm', () => {
    const spec = ChartSource.oci(ref, { plainHttp: true, cacheDir: cacheDir() });
    const first = resolveChart('base', '1.30.3', [spec]);
    const counter = countingRunner();
    try {
      expect(resolveChart('base', '1.30.3', [spec])).toEqual(first);
      expect(counter.calls).toHaveLength(0);
    } finally {
      counter.restore();
    }
  });

  test('reports a version the registry does not have', () => {
    expect(() => resolveChart('base', '9.9.9', [ChartSource.oci(ref, { plainHttp: true, cacheDir: cacheDir() })])).toThrow(
      new RegExp(`looked at: ${ref.replace(/[./]/g, '\\$&')}/base version 9\\.9\\.9 \\(`),
    );
  });

  test('passes the chart reference, version and destination to helm pull; no --plain-http unless asked', () => {
    const calls: string[][] = [];
    const restore = setProcessRunner((_program, args) => {
      calls.push([...args]);
      return { status: 1, stdout: '', stderr: 'Error: failed to do request: connection refused' };
    });
    try {
      const spec = ChartSource.oci('oci://registry.example/istio-release/charts/', { cacheDir: cacheDir() }).spec;
      if (spec.kind !== 'oci') throw new Error('not an oci source');
      const attempt = chartFromOci(spec, 'istiod', '1.30.3', 'helm');
      expect(attempt).toEqual({
        looked: 'oci://registry.example/istio-release/charts/istiod version 1.30.3 (failed to do request: connection refused)',
      });
      expect(calls).toHaveLength(1);
      expect(calls[0].slice(0, 4)).toEqual(['pull', 'oci://registry.example/istio-release/charts/istiod', '--version', '1.30.3']);
      expect(calls[0]).toContain('--destination');
      expect(calls[0]).not.toContain('--plain-http');
    } finally {
      restore();
    }
  });
});

describe('chartFromOci under hostile conditions', () => {
  test('a registry that accepts the connection and never answers: helm pull is killed at its limit, no staging folder is left', async () => {
    const silent = await startSilentTcpServer();
    try {
      const spec = { ref: `oci://127.0.0.1:${silent.port}/charts`, plainHttp: true, cacheDir: cacheDir() };
      const attempt = chartFromOci(spec, 'istiod', '1.30.3', locateHelm(), 1500);
      expect(attempt).toEqual({
        looked:
          `oci://127.0.0.1:${silent.port}/charts/istiod version 1.30.3 (helm pull did not finish within 1.5 s and was stopped; ` +
          "raise the limit with the construct's renderTimeout prop or CDK8S_ISTIO_HELM_TIMEOUT=<seconds>)",
      });
      expect(listTree(cacheDir()).filter((f) => f.includes('.tmp') || f.includes('.pull'))).toEqual([]);
    } finally {
      silent.stop();
    }
  });

  test('a cached archive without its digest record is pulled again', () => {
    const source = ChartSource.oci(ref, { plainHttp: true, cacheDir: cacheDir() });
    const first = resolveChart('base', '1.30.3', [source]);
    fs.rmSync(`${first.path}.sha256`);
    const pulls = () =>
      fs
        .readFileSync(requestLog, 'utf-8')
        .split('\n')
        .filter((l) => l.startsWith('GET /v2/charts/base/blobs/')).length;
    const before = pulls();
    expect(resolveChart('base', '1.30.3', [source])).toEqual(first);
    expect(pulls()).toBeGreaterThan(before);
    expect(fs.existsSync(`${first.path}.sha256`)).toBe(true);
  });

  test('a version that would name a path outside the cache is refused before helm runs', () => {
    const counter = countingRunner();
    try {
      const spec = { ref, plainHttp: true, cacheDir: cacheDir() };
      expect(() => chartFromOci(spec, 'base', '../../x', 'helm')).toThrow(UserError);
      expect(() => chartFromOci(spec, 'base', '--help', 'helm')).toThrow('chart version "--help" is not a Helm version');
      expect(counter.calls).toEqual([]);
      expect(listTree(cacheDir()).filter((f) => !f.startsWith('helm-'))).toEqual([]);
    } finally {
      counter.restore();
    }
  });
});
