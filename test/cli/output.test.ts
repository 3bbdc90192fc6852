import { EventEmitter } from 'events';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type FileOps, FileSink, StdoutSink } from '../../src/cli/output';
import { UserError } from '../../src/errors';

/** A writable stand-in: records writes; write() returns `accept` (false asks the writer to wait for 'drain'). */
class FakeStream extends EventEmitter {
  writes: string[] = [];
  accept = true;
  write(data: string): boolean {
    this.writes.push(data);
    return this.accept;
  }
}

const stream = (s: FakeStream) => s as unknown as NodeJS.WritableStream;

describe('StdoutSink', () => {
  test('holds output back until commit, so a failed small run prints nothing', async () => {
    const out = new FakeStream();
    const sink = new StdoutSink(stream(out), 100);
    await sink.write('a\n');
    await sink.write('b\n');
    expect(out.writes).toEqual([]);
    sink.abort();
    await sink.commit();
    expect(out.writes).toEqual([]);
  });

  test('writes what it held on commit', async () => {
    const out = new FakeStream();
    const sink = new StdoutSink(stream(out), 100);
    await sink.write('a\n');
    await sink.commit();
    expect(out.writes.join('')).toBe('a\n');
  });

  test('streams once the output passes the hold-back, in writes of about a MiB', async () => {
    const out = new FakeStream();
    const sink = new StdoutSink(stream(out), 10);
    const doc = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 8; i++) await sink.write(doc);
    expect(out.writes.length).toBeGreaterThan(0);
    expect(Math.max(...out.writes.map((w) => w.length))).toBeLessThan(2 * 1024 * 1024);
    await sink.commit();
    expect(out.writes.join('').length).toBe(8 * doc.length);
  });

  test('waits for drain when the reader is slow', async () => {
    const out = new FakeStream();
    out.accept = false;
    const sink = new StdoutSink(stream(out), 0);
    let done = false;
    const committed = sink.write('x'.repeat(2 * 1024 * 1024)).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    out.emit('drain');
    await committed;
    expect(done).toBe(true);
  });

  test('ends in one line when the reader goes away (EPIPE), and the stream keeps a listener', async () => {
    const out = new FakeStream();
    const sink = new StdoutSink(stream(out), 0);
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await sink.write('a');
    await expect(sink.commit()).rejects.toThrow(
      'standard output closed before the output was complete (EPIPE): keep the reading end open, or use -o <file>',
    );
    expect(out.listenerCount('error')).toBe(1);
  });
});

describe('FileSink', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-output-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes through a temporary sibling that becomes the target on commit', async () => {
    const target = path.join(dir, 'out.yaml');
    fs.writeFileSync(target, 'old\n');
    const sink = new FileSink(target);
    await sink.write('new\n');
    expect(fs.readFileSync(target, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual([`.out.yaml.${process.pid}.tmp`, 'out.yaml']);
    await sink.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
    expect(fs.readdirSync(dir)).toEqual(['out.yaml']);
  });

  test('abort leaves the target as it was and no temporary file', async () => {
    const target = path.join(dir, 'out.yaml');
    const sink = new FileSink(target);
    await sink.write('x'.repeat(3 * 1024 * 1024));
    sink.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('refuses a folder or a FIFO as the target, and a missing folder, in one line', () => {
    expect(() => new FileSink(dir)).toThrow(UserError);
    expect(() => new FileSink(dir)).toThrow(/^cannot write output file .*: it is a folder: name a regular file$/);
    expect(() => new FileSink(path.join(dir, 'missing', 'out.yaml'))).toThrow(/out\.yaml: its folder does not exist; create it first$/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  const failing = (call: keyof FileOps, code: string): FileOps => ({
    ...fs,
    [call]: () => {
      throw Object.assign(new Error(`${code}: failed`), { code, syscall: call.replace('Sync', '') });
    },
  });

  test.each([
    ['writeSync', 'ENOSPC', /^no space left on device writing .*out\.yaml: free space$/],
    ['renameSync', 'EROFS', /^read-only file system moving .*out\.yaml: make it writable$/],
    ['openSync', 'EACCES', /^permission denied opening .*out\.yaml: fix its permissions$/],
    ['writeSync', 'EIO', /^cannot write output file .*out\.yaml: EIO \(EIO: failed\)$/],
  ] as const)('a failing %s (%s) is one line naming the target, and leaves no temporary file', async (call, code, message) => {
    const target = path.join(dir, 'out.yaml');
    const run = async () => {
      const sink = new FileSink(target, failing(call, code));
      try {
        await sink.write('x'.repeat(2 * 1024 * 1024));
        await sink.commit();
      } catch (error) {
        sink.abort();
        throw error;
      }
    };
    await expect(run()).rejects.toThrow(UserError);
    await expect(run()).rejects.toThrow(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('removes its signal handlers when done', async () => {
    const before = process.listenerCount('SIGINT');
    const sink = new FileSink(path.join(dir, 'out.yaml'));
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    await sink.commit();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
