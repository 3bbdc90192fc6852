import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs, outputFs, setOutputFs } from '../../../src/engine/output/fs-ops';

let root = '';
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-ops-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('output file-system operations', () => {
  test('setOutputFs swaps the operations and its result restores the previous ones', () => {
    const swapped = { ...nodeOutputFs };
    const restore = setOutputFs(swapped);
    expect(outputFs()).toBe(swapped);
    restore();
    expect(outputFs()).toBe(nodeOutputFs);
  });

  test('lstat says undefined for nothing, and does not follow a symlink', () => {
    fs.symlinkSync('missing', path.join(root, 'link'));
    expect(nodeOutputFs.lstat(path.join(root, 'none'))).toBeUndefined();
    expect(nodeOutputFs.lstat(path.join(root, 'link'))!.isSymbolicLink()).toBe(true);
  });

  test('createExclusive fails with EEXIST on an existing file and leaves it alone', () => {
    const lock = path.join(root, 'lock');
    nodeOutputFs.createExclusive(lock, 'first');
    expect(() => nodeOutputFs.createExclusive(lock, 'second')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(fs.readFileSync(lock, 'utf-8')).toBe('first');
  });

  test('a failed write names its path', () => {
    const file = path.join(root, 'a-folder');
    fs.mkdirSync(file);
    expect(() => nodeOutputFs.writeFile(file, 'x')).toThrow(expect.objectContaining({ code: 'EISDIR', path: file }));
  });

  // /dev/full fails every write with ENOSPC, as a full disk does, and Node's error names no path.
  (fs.existsSync('/dev/full') ? test : test.skip)('a write to a full device names its path (skipped without /dev/full)', () => {
    expect(() => nodeOutputFs.writeFile('/dev/full', 'x')).toThrow(expect.objectContaining({ code: 'ENOSPC', path: '/dev/full' }));
  });

  test('mkdir gives a new folder the mode of any new folder; remove takes a whole folder, and nothing is fine', () => {
    const dir = path.join(root, 'a', 'b');
    nodeOutputFs.mkdir(dir, true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o777 & ~process.umask());
    nodeOutputFs.remove(path.join(root, 'a'));
    nodeOutputFs.remove(path.join(root, 'a'));
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
