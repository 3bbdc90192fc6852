import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { renderChart } from '../../../src/engine/charts/render';
import { chartFromRepository } from '../../../src/engine/charts/repository';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { closedPort, countingRunner, FIXTURE_CHARTS, findObject, useTempDir } from './test-helpers';

// A loopback HTTP server in its own process: downloads run synchronously (spawnSync), which would
// block a server living in the test's own event loop. It logs every request path to a file.
const SERVER = `
const http = require('http'), fs = require('fs'), path = require('path');
const [root, log] = process.argv.slice(1);
http.createServer((req, res) => {
  fs.appendFileSync(log, req.url + '\\n');
  const file = path.join(root, decodeURIComponent(req.url.split('?')[0]));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200); res.end(fs.readFileSync(file));
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

let serverRoot: string;
let requestLog: string;
let server: ChildProcess;
let baseUrl: string;
const digests: Record<string, string> = {};

beforeAll(async () => {
  serverRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-repo-'));
  requestLog = path.join(serverRoot, 'requests.log');
  const good = path.join(serverRoot, 'good');
  for (const [chart, dir] of [
    ['base', 'base'],
    ['istiod', 'istio-control/istio-discovery'],
  ]) {
    const result = spawnSync(locateHelm(), ['package', path.join(FIXTURE_CHARTS, dir), '--destination', good], { encoding: 'utf-8' });
    if (result.status !== 0) throw new Error(result.stderr);
    digests[chart] = createHash('sha256')
      .update(fs.readFileSync(path.join(good, `${chart}-1.30.3.tgz`)))
      .digest('hex');
  }
  const index = (digest: (chart: string) => string) =>
    'apiVersion: v1\nentries:\n' +
    ['base', 'istiod']
      .map((c) => `  ${c}:\n    - name: ${c}\n      version: 1.30.3\n      digest: ${digest(c)}\n      urls: [${c}-1.30.3.tgz]\n`)
      .join('');
  fs.writeFileSync(
    path.join(good, 'index.yaml'),
    index((c) => digests[c]),
  );
  const bad = path.join(serverRoot, 'bad');
  fs.cpSync(good, bad, { recursive: true });
  fs.writeFileSync(
    path.join(bad, 'index.yaml'),
    index(() => '0'.repeat(64)),
  );
  server = spawn(process.execPath, ['-e', SERVER, serverRoot, requestLog], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d) => resolve(String(d).trim())));
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.kill();
  fs.rmSync(serverRoot, { recursive: true, force: true });
});

const cacheDir = useTempDir('repo-cache-');
const requests = (): string[] => (fs.existsSync(requestLog) ? fs.readFileSync(requestLog, 'utf-8').trim().split('\n').filter(Boolean) : []);
beforeEach(() => fs.rmSync(requestLog, { force: true }));

describe('chartFromRepository', () => {
  test('downloads the archive once, checks its digest against the index and serves later uses from the cache', () => {
    const spec = { url: `${baseUrl}/good`, cacheDir: cacheDir(), digests: {} };
    const first = chartFromRepository(spec, 'istiod', '1.30.3');
    expect('chart' in first && first.chart.digest).toBe(digests.istiod);
    expect(requests()).toEqual(['/good/index.yaml', '/good/istiod-1.30.3.tgz']);
    const counter = countingRunner();
    try {
      const second = chartFromRepository(spec, 'istiod', '1.30.3');
      expect('chart' in second && second.chart.path).toBe('chart' in first && first.chart.path);
      expect(counter.calls).toHaveLength(0);
      expect(requests()).toHaveLength(2);
    } finally {
      counter.restore();
    }
  });

  test('refuses an archive whose sha256 differs from the index entry', () => {
    const attempt = chartFromRepository({ url: `${baseUrl}/bad`, cacheDir: cacheDir(), digests: {} }, 'base', '1.30.3');
    expect(attempt).toEqual({ looked: expect.stringMatching(/does not match the repository index.*refusing to use it/) });
    expect(fs.readdirSync(cacheDir(), { recursive: true }).filter((f) => String(f).endsWith('.tgz'))).toEqual([]);
  });

  test('refuses an archive whose sha256 differs from a pinned digest', () => {
    const attempt = chartFromRepository(
      { url: `${baseUrl}/good`, cacheDir: cacheDir(), digests: { 'base-1.30.3': 'f'.repeat(64) } },
      'base',
      '1.30.3',
    );
    expect(attempt).toEqual({ looked: expect.stringMatching(/does not match the pinned digest/) });
  });

  test('downloads again when the cached archive was changed', () => {
    const spec = { url: `${baseUrl}/good`, cacheDir: cacheDir(), digests: {} };
    const first = chartFromRepository(spec, 'base', '1.30.3');
    if (!('chart' in first)) throw new Error(first.looked);
    fs.appendFileSync(first.chart.path, 'tampered');
    const second = chartFromRepository(spec, 'base', '1.30.3');
    expect('chart' in second && second.chart.digest).toBe(digests.base);
    expect(requests().filter((r) => r.endsWith('.tgz'))).toHaveLength(2);
  });

  test('names the missing version', () => {
    expect(chartFromRepository({ url: `${baseUrl}/good`, cacheDir: cacheDir(), digests: {} }, 'istiod', '9.9.9')).toEqual({
      looked: expect.stringContaining("no version 9.9.9 of 'istiod'"),
    });
  });
});

describe('resolving through a repository source', () => {
  test('the downloaded archive renders with helm', () => {
    const chart = resolveChart('istiod', '1.30.3', [ChartSource.repository({ url: `${baseUrl}/good`, cacheDir: cacheDir() })]);
    const objects = renderChart({
      chart,
      release: 'istiod',
      namespace: 'istio-system',
      values: {},
      cacheDir: path.join(cacheDir(), 'renders'),
    });
    findObject(objects, 'Deployment', 'istiod');
  });

  test('one error names the chart, the version, every place looked at and the fix', async () => {
    const missing = path.join(cacheDir(), 'no-such-release');
    const unreachable = `http://127.0.0.1:${await closedPort()}/charts`;
    const sources = [ChartSource.localDir(missing), ChartSource.repository({ url: unreachable, cacheDir: cacheDir() })];
    let message = '';
    try {
      resolveChart('istiod', '1.30.3', sources);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("istio chart 'istiod' version 1.30.3 not found");
    expect(message).toContain(path.join(missing, 'istio-control', 'istio-discovery'));
    expect(message).toContain(`${unreachable}/index.yaml (`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('set ISTIO_CHARTS_DIR');
  });
});
