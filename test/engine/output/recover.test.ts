import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs } from '../../../src/engine/output/fs-ops';
import { recoverSiblings } from '../../../src/engine/output/recover';
import { type OutputPaths, resolveOutput } from '../../../src/engine/output/resolve';

let root = '';
let paths: OutputPaths;
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'recover-')));
  paths = resolveOutput(path.join(root, 'dist'), nodeOutputFs, { createParent: false })!;
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, file: string): void {
  fs.mkdirSync(path.join(root, name));
  fs.writeFileSync(path.join(root, name, 'a.yaml'), file);
}

/** Every entry of root with the content of its a.yaml, if any. */
function state(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(root)
      .sort()
      .map((n) => [n, fs.existsSync(path.join(root, n, 'a.yaml')) ? fs.readFileSync(path.join(root, n, 'a.yaml'), 'utf-8') : '']),
  );
}

describe('recoverSiblings', () => {
  test('does nothing when no write was interrupted, and leaves look-alike names alone', () => {
    folder('dist', 'current');
    folder('dist.old', 'a user folder');
    folder('.dist2.old', 'another output');
    folder('.distx.staging-abcdef', 'another output');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual([]);
    expect(state()).toEqual({
      '.dist2.old': 'another output',
      '.distx.staging-abcdef': 'another output',
      dist: 'current',
      'dist.old': 'a user folder',
    });
  });

  test('a crash after the output was moved aside: the backup is moved back, the staging folder removed', () => {
    folder('.dist.old', 'old');
    folder('.dist.new', 'new, maybe partial');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual(['restored the previous output from .dist.old', 'removed .dist.new']);
    expect(state()).toEqual({ dist: 'old' });
  });

  test('a crash after the new output was swapped in: the backup is removed', () => {
    folder('dist', 'new');
    folder('.dist.old', 'old');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual(['removed .dist.old']);
    expect(state()).toEqual({ dist: 'new' });
  });

  test('a crash while staging: the staging folder is removed, the output kept', () => {
    folder('dist', 'old');
    folder('.dist.new', 'partial');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual(['removed .dist.new']);
    expect(state()).toEqual({ dist: 'old' });
  });

  test('leftovers of the previous writer are recovered the same way', () => {
    folder('.dist.staging-AbC123', 'new, maybe partial');
    folder('.dist.staging-XyZ789.old', 'old');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual([
      'restored the previous output from .dist.staging-XyZ789.old',
      'removed .dist.staging-AbC123',
    ]);
    expect(state()).toEqual({ dist: 'old' });
  });

  test("with backups of both writers and no output, this writer's backup is the one restored", () => {
    folder('.dist.old', 'newest old');
    folder('.dist.staging-AbC123.old', 'older');
    expect(recoverSiblings(paths, nodeOutputFs)).toEqual([
      'restored the previous output from .dist.old',
      'removed .dist.staging-AbC123.old',
    ]);
    expect(state()).toEqual({ dist: 'newest old' });
  });
});
