import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeDirAtomically } from '../../src/synth/atomic-write';
import { readOutputDir } from '../../src/synth/diff';

describe('writeDirAtomically', () => {
  let root = '';
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-write-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('creates the folder with exactly the given files', () => {
    const dist = path.join(root, 'nested', 'dist');
    writeDirAtomically(
      dist,
      new Map([
        ['a.yaml', 'a'],
        ['sub/b.yaml', 'b'],
      ]),
    );
    expect(readOutputDir(dist)).toEqual(
      new Map([
        ['a.yaml', 'a'],
        ['sub/b.yaml', 'b'],
      ]),
    );
  });

  test('gives the output folder the mode of a new folder, not the private mode of a temporary one', () => {
    const dist = path.join(root, 'dist');
    writeDirAtomically(dist, new Map([['a.yaml', 'a']]));
    expect(fs.statSync(dist).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  test('replaces the folder whole: files no longer given disappear', () => {
    const dist = path.join(root, 'dist');
    writeDirAtomically(
      dist,
      new Map([
        ['a.yaml', 'a'],
        ['old/b.yaml', 'b'],
      ]),
    );
    writeDirAtomically(dist, new Map([['a.yaml', 'a2']]));
    expect(readOutputDir(dist)).toEqual(new Map([['a.yaml', 'a2']]));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failed write leaves the folder byte-identical and no staging folder behind', () => {
    const dist = path.join(root, 'dist');
    writeDirAtomically(dist, new Map([['a.yaml', 'a']]));
    // 'x' as a file and as a folder cannot both be written.
    expect(() =>
      writeDirAtomically(
        dist,
        new Map([
          ['x', 'file'],
          ['x/y.yaml', 'y'],
        ]),
      ),
    ).toThrow();
    expect(readOutputDir(dist)).toEqual(new Map([['a.yaml', 'a']]));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('refuses paths that leave the output folder', () => {
    const dist = path.join(root, 'dist');
    expect(() => writeDirAtomically(dist, new Map([['../escape.yaml', 'x']]))).toThrow(/outside the output folder/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('refuses to replace a folder that holds a project or the working directory', () => {
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{}');
    expect(() => writeDirAtomically(project, new Map([['a.yaml', 'a']]))).toThrow(/refusing to replace .*project: it holds package.json/);
    expect(fs.readdirSync(project)).toEqual(['package.json']);
    expect(() => writeDirAtomically(path.dirname(process.cwd()), new Map())).toThrow(/it holds the working directory/);
    expect(fs.readdirSync(root)).toEqual(['project']);
  });
});
