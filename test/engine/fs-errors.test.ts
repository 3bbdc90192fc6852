import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fsUserError, isErrnoError } from '../../src/engine/fs-errors';
import { UserError } from '../../src/errors';

function errno(code: string, syscall: string, at?: string, dest?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException & { dest?: string } = new Error(`${code}: injected, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  if (at !== undefined) error.path = at;
  if (dest !== undefined) error.dest = dest;
  return error;
}

describe('fsUserError', () => {
  test.each([
    ['ENOSPC', 'write', /^no space left on device writing \/o\/dist\/a\.yaml: free space, or set outdir elsewhere$/],
    ['EDQUOT', 'write', /^disk quota exceeded writing \/o\/dist\/a\.yaml: free space/],
    ['EROFS', 'mkdir', /^read-only file system creating \/o\/dist\/a\.yaml: make it writable/],
    ['EACCES', 'open', /^permission denied opening \/o\/dist\/a\.yaml: fix its permissions/],
    ['EPERM', 'unlink', /^operation not permitted removing \/o\/dist\/a\.yaml: fix its permissions/],
    ['EEXIST', 'mkdir', /^already exists creating \/o\/dist\/a\.yaml: move it out of the way/],
    ['ELOOP', 'lstat', /^too many levels of symbolic links reading \/o\/dist\/a\.yaml: fix the symlink loop/],
    ['EISDIR', 'open', /^a folder is in the way opening \/o\/dist\/a\.yaml: move that folder out of the way/],
    ['ENOTDIR', 'mkdir', /^a part of the path is not a folder creating \/o\/dist\/a\.yaml: move the file in the way/],
    ['ENAMETOOLONG', 'open', /^file name too long opening \/o\/dist\/a\.yaml: use a shorter path/],
    ['EMFILE', 'open', /^too many open files opening \/o\/dist\/a\.yaml: raise the open-file limit \(ulimit -n\)/],
    ['ENFILE', 'open', /^too many open files in the system opening \/o\/dist\/a\.yaml: close other programs/],
    ['EBUSY', 'rename', /^resource busy \(a mount point\?\) moving \/o\/dist\/a\.yaml: use a folder that is not a mount point/],
  ])('%s becomes one line naming the path and the fix', (code, syscall, message) => {
    const mapped = fsUserError(errno(code, syscall, '/o/dist/a.yaml'), { alternative: 'set outdir elsewhere' });
    expect(mapped).toBeInstanceOf(UserError);
    expect(mapped!.message).toMatch(message);
    expect(mapped!.message).not.toContain('\n');
  });

  test('names both paths of a rename', () => {
    expect(fsUserError(errno('EACCES', 'rename', '/o/.dist.new', '/o/dist'))!.message).toBe(
      'permission denied moving /o/.dist.new to /o/dist: fix its permissions',
    );
  });

  test('uses the caller’s path when the error carries none (write errors do not)', () => {
    expect(fsUserError(errno('ENOSPC', 'write'), { path: '/o/dist/b.yaml' })!.message).toBe(
      'no space left on device writing /o/dist/b.yaml: free space',
    );
  });

  test('leaves errors a user cannot fix, and non-file-system errors, to the caller', () => {
    expect(fsUserError(errno('EIO', 'write', '/o/dist/a.yaml'))).toBeUndefined();
    expect(fsUserError(new Error('a bug'))).toBeUndefined();
    expect(fsUserError('not an error')).toBeUndefined();
  });

  test('maps a real error thrown by Node', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-errors-'));
    try {
      const file = path.join(root, 'file');
      fs.writeFileSync(file, 'x');
      let thrown: unknown;
      try {
        fs.mkdirSync(path.join(file, 'sub'));
      } catch (error) {
        thrown = error;
      }
      expect(isErrnoError(thrown)).toBe(true);
      expect(fsUserError(thrown)!.message).toBe(`a part of the path is not a folder creating ${file}/sub: move the file in the way`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
