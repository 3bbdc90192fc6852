import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { renderChart } from '../../../src/engine/charts/render';
import { chartFromRepository } from '../../../src/engine/charts/repository';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { UserError } from '../../../src/errors';
import {
  closedPort,
  countingRunner,
  deadPid,
  FIXTURE_CHARTS,
  findObject,
  listTree,
  startHttpServer,
  type TestServer,
  useTempDir,
} from './test-helpers';

let serverRoot: string;
let server: TestServer;
let baseUrl: string;
const digests: Record<string, string> = {};

beforeAll(async () => {
  serverRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-repo-'));
  const good = path.join(serverRoot, 'good');
  for (const [chart, dir] of [
    ['base', 'base'],
    ['istiod', 'istio-control/istio-discovery'],
    ['cni', 'istio-cni'],
    ['ztunnel', 'ztunnel'],
  ]) {
    const result = spawnSync(locateHelm(), ['package', path.join(FIXTURE_CHARTS, dir), '--destination', good], { encoding: 'utf-8' });
    if (result.status !== 0) throw new Error(result.stderr);
    digests[chart] = createHash('sha256')
      .update(fs.readFileSync(path.join(good, `${chart}-1.30.3.tgz`)))
      .digest('hex');
  }
  const index = (digest: (chart: string) => string) =>
    'apiVersion: v1\nentries:\n' +
    ['base', 'istiod', 'cni', 'ztunnel']
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
  server = await startHttpServer(serverRoot);
  baseUrl = server.url;
});

afterAll(() => {
  server?.stop();
  fs.rmSync(serverRoot, { recursive: true, force: true });
});

const cacheDir = useTempDir('repo-cache-');
// Requests made by the current test.
let seen = 0;
beforeEach(() => (seen = server.requests().length));
const requests = (): string[] =>
  server
    .requests()
    .slice(seen)
    .flatMap((r) => (r.url ? [r.url] : []));

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

/** The folder a repository's archives are cached in. */
const repoDir = (url: string): string => path.join(cacheDir(), createHash('sha256').update(url).digest('hex').slice(0, 16));

describe('chartFromRepository under hostile conditions', () => {
  test('a cached archive without its digest record is not trusted: it is downloaded again and recorded', () => {
    const spec = { url: `${baseUrl}/good`, cacheDir: cacheDir(), digests: {} };
    const first = chartFromRepository(spec, 'istiod', '1.30.3');
    if (!('chart' in first)) throw new Error(first.looked);
    fs.rmSync(`${first.chart.path}.sha256`);
    chartFromRepository(spec, 'istiod', '1.30.3');
    expect(requests().filter((r) => r.endsWith('.tgz'))).toHaveLength(2);
    expect(fs.readFileSync(`${first.chart.path}.sha256`, 'utf-8')).toBe(digests.istiod);
  });

  test('offline, a cached archive without its digest record is refused, naming the file and the fix', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/charts`;
    const archive = path.join(repoDir(url), 'istiod-1.30.3.tgz');
    fs.mkdirSync(path.dirname(archive), { recursive: true });
    fs.writeFileSync(archive, 'planted');
    const attempt = chartFromRepository({ url, cacheDir: cacheDir(), digests: {} }, 'istiod', '1.30.3');
    expect(attempt).toEqual({
      looked: expect.stringContaining(
        `; the cached ${archive} has no digest record (istiod-1.30.3.tgz.sha256), so it is not trusted: ` +
          'delete it, or let it be downloaded again while the repository can be reached',
      ),
    });
  });

  test('a version that would name a path outside the cache is refused before anything is written', () => {
    // The cache one level down, so a write that escaped it would show in the listing.
    const spec = { url: `${baseUrl}/good`, cacheDir: path.join(cacheDir(), 'cache'), digests: {} };
    expect(() => chartFromRepository(spec, 'istiod', '../../../escape')).toThrow(UserError);
    expect(() => chartFromRepository(spec, 'istiod', '../../../escape')).toThrow('chart version "../../../escape" is not a Helm version');
    expect(listTree(cacheDir())).toEqual([]);
    expect(requests()).toEqual([]);
  });

  test('an index.yaml over the size cap is refused and leaves no temporary file', () => {
    const attempt = chartFromRepository({ url: `${baseUrl}/endless`, cacheDir: cacheDir(), digests: {} }, 'istiod', '1.30.3');
    expect(attempt).toEqual({ looked: `${baseUrl}/endless/index.yaml (larger than the limit of 52428800 bytes; refusing it)` });
    expect(listTree(cacheDir())).toEqual([path.basename(repoDir(`${baseUrl}/endless`))]);
  });

  test('temporary files left by a run that was killed are removed by the next one', () => {
    const url = `${baseUrl}/good`;
    const dead = deadPid();
    fs.mkdirSync(repoDir(url), { recursive: true });
    fs.writeFileSync(path.join(repoDir(url), `.index.${dead}.0badc0de.tmp`), 'half');
    fs.writeFileSync(path.join(repoDir(url), `.istiod-1.30.3.${dead}.0badc0de.tmp.part`), 'half');
    chartFromRepository({ url, cacheDir: cacheDir(), digests: {} }, 'istiod', '1.30.3');
    expect(listTree(repoDir(url))).toEqual(['istiod-1.30.3.tgz', 'istiod-1.30.3.tgz.sha256']);
  });

  test('credentials in the repository URL are sent to the server and never printed', async () => {
    const withCredentials = baseUrl.replace('http://', 'http://reader:s3cret@');
    const ok = chartFromRepository({ url: `${withCredentials}/good`, cacheDir: cacheDir(), digests: {} }, 'base', '1.30.3');
    if (!('chart' in ok)) throw new Error(ok.looked);
    expect(ok.chart.origin).toContain(`${baseUrl.replace('http://', 'http://***@')}/good (base-1.30.3.tgz`);
    expect(ok.chart.origin).not.toContain('s3cret');
    const auth = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
    expect(
      server
        .requests()
        .filter((r) => r.auth === auth)
        .map((r) => r.url),
    ).toEqual(['/good/index.yaml', '/good/base-1.30.3.tgz']);

    const unreachable = `http://reader:s3cret@127.0.0.1:${await closedPort()}/charts?token=abc`;
    let message = '';
    try {
      resolveChart('istiod', '1.30.3', [ChartSource.repository({ url: unreachable, cacheDir: cacheDir() })]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('http://***@127.0.0.1:');
    expect(message).not.toContain('s3cret');
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

  test.each([
    ['cni', 'istio-cni-node'],
    ['ztunnel', 'ztunnel'],
  ] as const)('finds the %s chart by its published name and renders its DaemonSet', (name, daemonSet) => {
    const chart = resolveChart(name, '1.30.3', [ChartSource.repository({ url: `${baseUrl}/good`, cacheDir: cacheDir() })]);
    expect(requests()).toContain(`/good/${name}-1.30.3.tgz`);
    const objects = renderChart({ chart, release: name, namespace: 'kube-system', values: {}, cacheDir: path.join(cacheDir(), 'renders') });
    findObject(objects, 'DaemonSet', daemonSet);
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
