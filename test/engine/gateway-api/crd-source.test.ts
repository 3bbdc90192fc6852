import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GatewayApiCrdsSource, loadCrdBundle, MAX_CRD_FILE_BYTES } from '../../../src/engine/gateway-api/crd-source';
import { startHttpServer, type TestServer, useTempDir } from '../charts/test-helpers';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'gateway-api', 'standard-install.yaml');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const FIXTURE_SHA = sha(FIXTURE);
const ZERO_SHA = '0'.repeat(64);

const tempDir = useTempDir('gateway-api-');

describe('GatewayApiCrdsSource', () => {
  test('refuses an empty path, a non-http url, a url without a pin and a malformed pin', () => {
    expect(() => GatewayApiCrdsSource.file('')).toThrow(/the file path is empty/);
    expect(() => GatewayApiCrdsSource.url('ftp://host/x.yaml', { sha256: ZERO_SHA })).toThrow(
      /'ftp:\/\/host\/x\.yaml' is not an http\(s\) url/,
    );
    expect(() => GatewayApiCrdsSource.url('https://u:secret@host/x.yaml', {} as never)).toThrow(
      /^gateway api crds: https:\/\/\*\*\*@host\/x\.yaml needs a sha256 pin/,
    );
    expect(() => GatewayApiCrdsSource.file('x.yaml', { sha256: 'abc' })).toThrow(/sha256 'abc' is not 64 hex digits/);
  });
});

describe('loadCrdBundle from a file', () => {
  test('reads the file and returns its digest; a matching pin is accepted in any letter case', () => {
    const bundle = loadCrdBundle(GatewayApiCrdsSource.file(FIXTURE, { sha256: FIXTURE_SHA.toUpperCase() }), 'standard');
    expect(bundle.digest).toBe(FIXTURE_SHA);
    expect(bundle.bundleVersion).toBe('v1.5.1');
  });

  test('refuses a file whose sha256 is not the pinned one, naming both', () => {
    expect(() => loadCrdBundle(GatewayApiCrdsSource.file(FIXTURE, { sha256: ZERO_SHA }), 'standard')).toThrow(
      new RegExp(`^gateway api crd file .*standard-install\\.yaml has sha256 ${FIXTURE_SHA}, not the pinned ${ZERO_SHA}: `),
    );
  });

  test('a missing file, a folder and a FIFO each end in one line (the FIFO without blocking)', () => {
    const dir = tempDir();
    expect(() => loadCrdBundle(GatewayApiCrdsSource.file(path.join(dir, 'nope.yaml')), 'standard')).toThrow(/nope\.yaml does not exist/);
    expect(() => loadCrdBundle(GatewayApiCrdsSource.file(dir), 'standard')).toThrow(/is a folder, not a file/);
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadCrdBundle(GatewayApiCrdsSource.file(fifo), 'standard')).toThrow(/pipe\.yaml is a FIFO \(named pipe\), not a file/);
  });

  test('refuses a file over the size limit without reading it', () => {
    const huge = path.join(tempDir(), 'huge.yaml');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, MAX_CRD_FILE_BYTES + 1); // sparse: nothing is written
    expect(() => loadCrdBundle(GatewayApiCrdsSource.file(huge), 'standard')).toThrow(
      new RegExp(`huge\\.yaml is ${MAX_CRD_FILE_BYTES + 1} bytes, over the limit of ${MAX_CRD_FILE_BYTES}`),
    );
  });

  test('returns copies: changing one load does not change the next', () => {
    const source = GatewayApiCrdsSource.file(FIXTURE);
    const first = loadCrdBundle(source, 'standard');
    (first.objects[0].metadata as { name?: string }).name = 'changed';
    expect(loadCrdBundle(source, 'standard').objects[0].metadata.name).toBe('gatewayclasses.gateway.networking.k8s.io');
  });
});

describe('loadCrdBundle from a url', () => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-api-serve-'));
    fs.copyFileSync(FIXTURE, path.join(root, 'standard-install.yaml'));
    server = await startHttpServer(root);
  });
  afterAll(() => {
    server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const requests = () => server.requests().filter((r) => r.url?.includes('standard-install'));

  test('downloads once into the cache under its sha256, then serves later uses from there', () => {
    const cacheDir = tempDir();
    const before = requests().length;
    const source = GatewayApiCrdsSource.url(`${server.url}/standard-install.yaml`, { sha256: FIXTURE_SHA, cacheDir });
    expect(loadCrdBundle(source, 'standard').bundleVersion).toBe('v1.5.1');
    expect(fs.readdirSync(cacheDir)).toEqual([`${FIXTURE_SHA}.yaml`]);
    expect(loadCrdBundle(source, 'standard').digest).toBe(FIXTURE_SHA);
    expect(requests().length - before).toBe(1);
  });

  test('a cached copy that changed is not used: it is downloaded again', () => {
    const cacheDir = tempDir();
    const source = GatewayApiCrdsSource.url(`${server.url}/standard-install.yaml`, { sha256: FIXTURE_SHA, cacheDir });
    fs.writeFileSync(path.join(cacheDir, `${FIXTURE_SHA}.yaml`), 'tampered: true\n');
    const before = requests().length;
    expect(loadCrdBundle(source, 'standard').digest).toBe(FIXTURE_SHA);
    expect(requests().length - before).toBe(1);
    expect(sha(path.join(cacheDir, `${FIXTURE_SHA}.yaml`))).toBe(FIXTURE_SHA);
  });

  test('a download with another sha256 is refused and nothing is cached', () => {
    const cacheDir = tempDir();
    const source = GatewayApiCrdsSource.url(`${server.url}/standard-install.yaml`, { sha256: ZERO_SHA, cacheDir });
    expect(() => loadCrdBundle(source, 'standard')).toThrow(
      new RegExp(`standard-install\\.yaml has sha256 ${FIXTURE_SHA}, not the pinned ${ZERO_SHA}; refusing it`),
    );
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });

  test('a failing server ends in one line with the url redacted, and a body over the limit is refused', () => {
    const cacheDir = tempDir();
    const failing = GatewayApiCrdsSource.url(`${server.url.replace('//', '//me:hunter2@')}/error/x.yaml`, {
      sha256: FIXTURE_SHA,
      cacheDir,
    });
    let message = '';
    try {
      loadCrdBundle(failing, 'standard');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^gateway api crds: could not download http:\/\/\*\*\*@127\.0\.0\.1:\d+\/error\/x\.yaml \(HTTP 500/);
    expect(message).not.toContain('hunter2');
    const endless = GatewayApiCrdsSource.url(`${server.url}/endless/x.yaml`, { sha256: FIXTURE_SHA, cacheDir });
    expect(() => loadCrdBundle(endless, 'standard', 64 * 1024)).toThrow(/larger than the limit of 65536 bytes/);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});
