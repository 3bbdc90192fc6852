import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs } from '../../../src/engine/output/fs-ops';
import { resolveOutput } from '../../../src/engine/output/resolve';
import { UserError } from '../../../src/errors';

let root = '';
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-')));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const resolve = (dir: string, createParent = true) => resolveOutput(dir, nodeOutputFs, { createParent });

describe('resolveOutput', () => {
  test('a plain folder: its siblings have fixed names next to it', () => {
    expect(resolve(path.join(root, 'dist'))).toEqual({
      requested: path.join(root, 'dist'),
      real: path.join(root, 'dist'),
      viaSymlink: false,
      parent: root,
      name: 'dist',
      lock: path.join(root, '.dist.lock'),
      staging: path.join(root, '.dist.new'),
      backup: path.join(root, '.dist.old'),
    });
  });

  test('creates the missing folders that hold the output only when asked to', () => {
    expect(resolve(path.join(root, 'a', 'b', 'dist'), false)).toBeUndefined();
    expect(fs.existsSync(path.join(root, 'a'))).toBe(false);
    expect(resolve(path.join(root, 'a', 'b', 'dist'))!.parent).toBe(path.join(root, 'a', 'b'));
    expect(fs.statSync(path.join(root, 'a', 'b')).isDirectory()).toBe(true);
  });

  test('follows a chain of symlinks, relative ones from the folder the link really is in', () => {
    fs.mkdirSync(path.join(root, 'gitops', 'apps', 'mesh'), { recursive: true });
    fs.mkdirSync(path.join(root, 'project'));
    fs.symlinkSync(path.join(root, 'project'), path.join(root, 'alias'));
    // Seen through 'alias', '..' of the link's folder is still root, not the folder of 'alias'.
    fs.symlinkSync('../gitops/apps/mesh', path.join(root, 'project', 'mesh-link'));
    fs.symlinkSync('mesh-link', path.join(root, 'project', 'dist'));
    const paths = resolve(path.join(root, 'alias', 'dist'))!;
    expect(paths.real).toBe(path.join(root, 'gitops', 'apps', 'mesh'));
    expect(paths.viaSymlink).toBe(true);
    expect(paths.backup).toBe(path.join(root, 'gitops', 'apps', '.mesh.old'));
    expect(paths.requested).toBe(path.join(root, 'alias', 'dist'));
  });

  test('a dangling symlink resolves to where its target would be', () => {
    fs.symlinkSync('gone', path.join(root, 'dist'));
    expect(resolve(path.join(root, 'dist'))).toMatchObject({ real: path.join(root, 'gone'), viaSymlink: true });
  });

  test('refuses a symlink whose target folder does not exist, without creating it', () => {
    fs.symlinkSync('missing/mesh', path.join(root, 'dist'));
    expect(() => resolve(path.join(root, 'dist'))).toThrow(
      new UserError(
        `refusing to write ${root}/dist: it is a symlink to ${root}/missing/mesh, whose folder does not exist; ` +
          `create ${root}/missing, or set outdir elsewhere`,
      ),
    );
    expect(fs.existsSync(path.join(root, 'missing'))).toBe(false);
    expect(resolve(path.join(root, 'dist'), false)).toBeUndefined();
  });

  test('refuses a symlink loop in one line', () => {
    fs.symlinkSync('b', path.join(root, 'a'));
    fs.symlinkSync('a', path.join(root, 'b'));
    expect(() => resolve(path.join(root, 'a'))).toThrow(`refusing to write ${root}/a: it is a symlink loop`);
  });

  test('refuses the root folder', () => {
    expect(() => resolve('/')).toThrow('refusing to replace /: it is the root folder');
  });
});
