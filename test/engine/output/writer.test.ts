import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs, type OutputFs, setOutputFs } from '../../../src/engine/output/fs-ops';
import { MARKER_FILE, markerText } from '../../../src/engine/output/marker';
import { recoverOutput, writeOutput } from '../../../src/engine/output/writer';
import { UserError } from '../../../src/errors';
import { readOutputDir } from '../../../src/synth/diff';

let root = '';
let dist = '';
let log: string[] = [];
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'writer-')));
  dist = path.join(root, 'dist');
  log = [];
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
const write = (files: Record<string, string>, dir = dist, lockTimeoutMs?: number) =>
  writeOutput(dir, new Map(Object.entries(files)), { log: (line) => log.push(line), lockTimeoutMs });
/** What `files` look like on disk once written: with the marker. */
const written = (files: Record<string, string>) => new Map([...Object.entries(files), [MARKER_FILE, markerText(Object.keys(files))]]);

/** Runs `body` with `op` replaced by one that throws `error` on its `nth` call (1-based). */
function failing(op: keyof OutputFs, nth: number, error: (args: unknown[]) => Error, body: () => void): void {
  let calls = 0;
  const real = nodeOutputFs[op] as (...args: unknown[]) => unknown;
  const restore = setOutputFs({
    ...nodeOutputFs,
    [op]: (...args: unknown[]) => {
      if (++calls === nth) throw error(args);
      return real(...args);
    },
  });
  try {
    body();
  } finally {
    restore();
  }
}

const errno = (code: string, syscall: string) => (args: unknown[]) =>
  Object.assign(new Error(`${code}: injected, ${syscall} '${String(args[0])}'`), { code, syscall, path: String(args[0]) });

describe('writeOutput', () => {
  test('creates the folder with exactly the given files and the marker listing them', () => {
    write({ 'b.yaml': 'b', 'sub/a.yaml': 'a' }, path.join(root, 'nested', 'dist'));
    expect(readOutputDir(path.join(root, 'nested', 'dist'))).toEqual(written({ 'b.yaml': 'b', 'sub/a.yaml': 'a' }));
    expect(fs.readFileSync(path.join(root, 'nested', 'dist', MARKER_FILE), 'utf-8')).toMatch(/\nb\.yaml\nsub\/a\.yaml\n$/);
  });

  test('gives the output folder the mode of a new folder, not the private mode of a temporary one', () => {
    write({ 'a.yaml': 'a' });
    expect(fs.statSync(dist).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  test('replaces the folder whole: files no longer given disappear, and no sibling is left', () => {
    write({ 'a.yaml': 'a', 'old/b.yaml': 'b' });
    write({ 'a.yaml': 'a2' });
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'a2' }));
    expect(fs.readdirSync(root)).toEqual(['dist']);
    expect(log).toEqual([]);
  });

  test('replaces a folder written before the marker existed, when it holds only Kubernetes YAML', () => {
    fs.mkdirSync(path.join(dist, '10-crds'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'shop.k8s.yaml'), CM);
    fs.writeFileSync(path.join(dist, '10-crds', 'crds.k8s.yaml'), CM);
    write({ 'shop.k8s.yaml': CM });
    expect(readOutputDir(dist)).toEqual(written({ 'shop.k8s.yaml': CM }));
  });

  test('refuses a folder holding a file it did not write, and changes nothing', () => {
    write({ 'a.yaml': 'a' });
    fs.writeFileSync(path.join(dist, 'README.md'), 'mine');
    expect(() => write({ 'a.yaml': 'a2' })).toThrow(
      new RegExp(`^refusing to replace ${dist}: it holds README.md, which synth did not write`),
    );
    expect(readOutputDir(dist)).toEqual(new Map([...written({ 'a.yaml': 'a' }), ['README.md', 'mine']]));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a regular file as the output is refused and kept', () => {
    fs.writeFileSync(dist, 'notes');
    expect(() => write({ 'a.yaml': 'a' })).toThrow(`refusing to replace ${dist}: it is a file, not a folder`);
    expect(fs.readFileSync(dist, 'utf-8')).toBe('notes');
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('writes through a symlinked output: the folder it points to is replaced, the symlink stays', () => {
    fs.mkdirSync(path.join(root, 'gitops', 'apps', 'mesh'), { recursive: true });
    fs.mkdirSync(path.join(root, 'project'));
    fs.symlinkSync('../gitops/apps/mesh', path.join(root, 'project', 'dist'));
    const link = path.join(root, 'project', 'dist');
    write({ 'a.yaml': 'a' }, link);
    write({ 'b.yaml': 'b' }, link);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('../gitops/apps/mesh');
    expect(readOutputDir(path.join(root, 'gitops', 'apps', 'mesh'))).toEqual(written({ 'b.yaml': 'b' }));
    expect(fs.readdirSync(path.join(root, 'gitops', 'apps'))).toEqual(['mesh']);
    expect(fs.readdirSync(path.join(root, 'project'))).toEqual(['dist']);
  });

  test.each([
    ['../escape.yaml', /^refusing to write "\.\.\/escape\.yaml": it is outside the output folder/],
    ['/abs.yaml', /it is outside the output folder/],
    ['a//b.yaml', /it is outside the output folder/],
    ['a\nb.yaml', /a file name must be one line/],
    [MARKER_FILE, /synth writes that file itself/],
  ])('refuses the file name %j before writing anything', (name, message) => {
    expect(() => write({ [name]: 'x' })).toThrow(message);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('refuses a path given as a file and as a folder before writing anything', () => {
    expect(() => write({ x: 'file', 'x/y.yaml': 'y' })).toThrow('refusing to write x both as a file and as the folder of x/y.yaml');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('refuses to replace a folder that holds a project or the working directory', () => {
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{}');
    expect(() => write({ 'a.yaml': 'a' }, project)).toThrow(/refusing to replace .*project: it holds package.json/);
    expect(fs.readdirSync(project)).toEqual(['package.json']);
    expect(() => write({}, path.dirname(process.cwd()))).toThrow(/it holds the working directory/);
    expect(fs.readdirSync(root)).toEqual(['project']);
  });

  test.each([
    ['ENOSPC', 'write', 'no space left on device writing'],
    ['EROFS', 'open', 'read-only file system opening'],
    ['EACCES', 'open', 'permission denied opening'],
    ['EPERM', 'open', 'operation not permitted opening'],
    ['EEXIST', 'open', 'already exists opening'],
    ['ELOOP', 'open', 'too many levels of symbolic links opening'],
    ['EISDIR', 'open', 'a folder is in the way opening'],
    ['ENOTDIR', 'open', 'a part of the path is not a folder opening'],
    ['ENAMETOOLONG', 'open', 'file name too long opening'],
    ['EMFILE', 'open', 'too many open files opening'],
  ])('%s while writing a file: one line naming the file and the fix; the old output stays, no sibling is left', (code, syscall, text) => {
    write({ 'a.yaml': 'old' });
    let thrown: unknown;
    failing('writeFile', 2, errno(code, syscall), () => {
      try {
        write({ 'a.yaml': 'new', 'b.yaml': 'new' });
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as Error).message).toMatch(new RegExp(`^${text} ${root}/\\.dist\\.new/b\\.yaml: .+, or set outdir elsewhere$`));
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'old' }));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failure moving the new output in puts the old one back', () => {
    write({ 'a.yaml': 'old' });
    failing('rename', 2, errno('EACCES', 'rename'), () => expect(() => write({ 'a.yaml': 'new' })).toThrow(/^permission denied moving/));
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'old' }));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failure other than a user-fixable one is passed on as it is', () => {
    const eio = (args: unknown[]) => Object.assign(new Error('EIO: i/o error'), { code: 'EIO', path: String(args[0]) });
    failing('writeFile', 1, eio, () => expect(() => write({ 'a.yaml': 'a' })).toThrow(/^EIO: i\/o error$/));
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('an interrupted write is recovered first, saying so, and a stale lock taken over', () => {
    write({ 'a.yaml': 'old' });
    fs.renameSync(dist, path.join(root, '.dist.old'));
    fs.mkdirSync(path.join(root, '.dist.new'));
    fs.writeFileSync(path.join(root, '.dist.lock'), JSON.stringify({ pid: process.pid, hostname: os.hostname(), thread: 0, started: 'x' }));
    write({ 'a.yaml': 'new' });
    expect(log).toEqual([
      expect.stringMatching(/^taking over the lock .*\.dist\.lock of pid \d+ .*, which is no longer running$/),
      `recovered ${dist} after an interrupted synth: restored the previous output from .dist.old; removed .dist.new`,
    ]);
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'new' }));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('waits for another synth holding the lock, then refuses and changes nothing', () => {
    write({ 'a.yaml': 'old' });
    fs.writeFileSync(
      path.join(root, '.dist.lock'),
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), thread: 0, started: 'x' }),
    );
    expect(() => write({ 'a.yaml': 'new' }, dist, 100)).toThrow(/^refusing to write .*dist: another synth \(pid \d+ .*\) holds/);
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'old' }));
  });
});

describe('recoverOutput', () => {
  const recover = () => recoverOutput(dist, { log: (line) => log.push(line) });

  test('with nothing to recover, touches nothing (no lock either) and says nothing', () => {
    write({ 'a.yaml': 'a' });
    let mutations = 0;
    const counted = (['mkdir', 'writeFile', 'createExclusive', 'rename', 'remove'] as const).map((op) => {
      const real = nodeOutputFs[op] as (...args: unknown[]) => void;
      return [op, (...args: unknown[]) => (mutations++, real(...args))];
    });
    const restore = setOutputFs({ ...nodeOutputFs, ...Object.fromEntries(counted) });
    try {
      recover();
      recoverOutput(path.join(root, 'missing', 'dist'));
      expect(mutations).toBe(0);
      write({ 'a.yaml': 'a' }); // the counting sees a write's changes
      expect(mutations).toBeGreaterThan(0);
    } finally {
      restore();
    }
    expect(log).toEqual([]);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('completes an interrupted write under the lock, in one line', () => {
    write({ 'a.yaml': 'old' });
    fs.renameSync(dist, path.join(root, '.dist.old'));
    recover();
    expect(log).toEqual([`recovered ${dist} after an interrupted synth: restored the previous output from .dist.old`]);
    expect(readOutputDir(dist)).toEqual(written({ 'a.yaml': 'old' }));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a lock alone, left by a killed synth, is cleared', () => {
    fs.writeFileSync(path.join(root, '.dist.lock'), '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, '.dist.lock'), old, old);
    recover();
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
