import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { download } from '../../../src/engine/charts/download';
import { closedPort, listTree, startHttpServer, type TestServer, useTempDir } from './test-helpers';

const tmp = useTempDir('download-test-');
let server: TestServer;
let files: string;

beforeAll(async () => {
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'download-files-'));
  fs.writeFileSync(path.join(files, 'index.yaml'), 'apiVersion: v1\nentries: {}\n');
  server = await startHttpServer(files);
});

afterAll(() => {
  server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
});

describe('download', () => {
  test('writes the body to the destination and nothing else', () => {
    const dest = path.join(tmp(), 'index.yaml');
    expect(download(`${server.url}/index.yaml`, dest)).toBeUndefined();
    expect(fs.readFileSync(dest, 'utf-8')).toBe('apiVersion: v1\nentries: {}\n');
    expect(listTree(tmp())).toEqual(['index.yaml']);
  });

  test('returns the reason and leaves no file when the server cannot be reached', async () => {
    const dest = path.join(tmp(), 'index.yaml');
    const reason = download(`http://127.0.0.1:${await closedPort()}/index.yaml`, dest, { timeoutMs: 5000 });
    expect(reason).toMatch(/ECONNREFUSED/);
    expect(listTree(tmp())).toEqual([]);
  });

  test('gives up on a server that accepts the connection and never answers', () => {
    const reason = download(`${server.url}/silent/index.yaml`, path.join(tmp(), 'index.yaml'), { idleTimeoutMs: 500 });
    expect(reason).toBe('no data for 0.5 s');
    expect(listTree(tmp())).toEqual([]);
  });

  test('gives up at the total timeout on a server that keeps sending a little', () => {
    const reason = download(`${server.url}/trickle/index.yaml`, path.join(tmp(), 'index.yaml'), { timeoutMs: 1000, idleTimeoutMs: 500 });
    expect(reason).toBe('did not finish within 1 s');
    expect(listTree(tmp())).toEqual([]);
  });

  test('refuses an endless body at the cap, stops reading there and leaves no .part file', () => {
    const reason = download(`${server.url}/endless/index.yaml`, path.join(tmp(), 'index.yaml'), { maxBytes: 1024 * 1024 });
    expect(reason).toBe('larger than the limit of 1048576 bytes; refusing it');
    expect(listTree(tmp())).toEqual([]);
    // The server saw the connection close long before it could send much more than the cap: memory and disk stay bounded.
    const sent = server.requests().find((r) => r.sent !== undefined)?.sent;
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  test('refuses a body whose announced length is over the cap before reading it', () => {
    const reason = download(`${server.url}/huge/index.yaml`, path.join(tmp(), 'index.yaml'));
    expect(reason).toBe('larger than the limit of 52428800 bytes; refusing it');
    expect(listTree(tmp())).toEqual([]);
  });

  test('reports a redirect loop', () => {
    expect(download(`${server.url}/loop/index.yaml`, path.join(tmp(), 'index.yaml'))).toBe('redirect count exceeded');
    expect(listTree(tmp())).toEqual([]);
  });

  test('reports an HTTP error status', () => {
    expect(download(`${server.url}/error/index.yaml`, path.join(tmp(), 'index.yaml'))).toBe('HTTP 500 Internal Server Error');
    expect(listTree(tmp())).toEqual([]);
  });

  test('sends the credentials of the URL as a Basic Authorization header', () => {
    const withCredentials = server.url.replace('http://', 'http://reader:s3cret@');
    expect(download(`${withCredentials}/index.yaml`, path.join(tmp(), 'index.yaml'))).toBeUndefined();
    const request = server
      .requests()
      .filter((r) => r.url === '/index.yaml')
      .pop();
    expect(request?.auth).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
  });
});
