import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs } from '../../../src/engine/output/fs-ops';
import { MARKER_FILE, markerText } from '../../../src/engine/output/marker';
import { checkOwnership } from '../../../src/engine/output/ownership';
import { resolveOutput } from '../../../src/engine/output/resolve';
import { UserError } from '../../../src/errors';

let root = '';
let dist = '';
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-')));
  dist = path.join(root, 'dist');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

function put(rel: string, content: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** The refusal for `dir` (null when it may be replaced), checked from a working directory outside it. */
function verdict(dir = dist, cwd = os.tmpdir()): string | null {
  try {
    checkOwnership(resolveOutput(dir, nodeOutputFs, { createParent: false })!, nodeOutputFs, cwd);
    return null;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message).not.toContain('\n');
    return error.message;
  }
}

// FIFOs need mkfifo (coreutils); without it, the FIFO tests are skipped and say so in their names.
const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0;
const fifoTest = HAS_MKFIFO ? test : test.skip;

describe('checkOwnership: what synth may replace', () => {
  test('a folder that does not exist yet, or an empty one', () => {
    expect(verdict()).toBeNull();
    fs.mkdirSync(dist);
    expect(verdict()).toBeNull();
  });

  test('without the marker (written before it existed): folders and Kubernetes YAML, empty documents included', () => {
    put('dist/a.k8s.yaml', `${CM}---\n${CM}`);
    put('dist/10-crds/b.yml', `---\n${CM}---\n`);
    put('dist/10-crds/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
    put('dist/empty.yaml', '');
    expect(verdict()).toBeNull();
  });

  test('with the marker: the files it lists and the folders leading to them; a listed file that is gone is fine', () => {
    put('dist/a.yaml', 'anything: at all\n');
    put('dist/x/y/b.yaml', 'not even YAML: [');
    put(`dist/${MARKER_FILE}`, markerText(['a.yaml', 'x/y/b.yaml', 'gone.yaml']));
    expect(verdict()).toBeNull();
  });
});

describe('checkOwnership: what synth refuses to replace', () => {
  const FIX = 'set outdir to a folder of its own, e.g. dist, or move that out of the folder (synth replaces the folder whole)';

  test('a home folder: names the file synth did not write and the fix', () => {
    put('home/.ssh/id_rsa', 'secret');
    expect(verdict(path.join(root, 'home'))).toBe(
      `refusing to replace ${root}/home: it holds .ssh/id_rsa, which synth did not write; ${FIX}`,
    );
    expect(fs.readFileSync(path.join(root, 'home/.ssh/id_rsa'), 'utf-8')).toBe('secret');
  });

  test.each([
    ['a file that is not YAML', 'dist/README.md', '# docs\n', 'README.md, which synth did not write'],
    [
      'YAML that is not Kubernetes objects',
      'dist/values.yaml',
      'replicas: 2\n',
      'values.yaml, which is not Kubernetes YAML, so synth did not write it',
    ],
    [
      'a document without kind',
      'dist/a.yaml',
      `${CM}---\napiVersion: v1\n`,
      'a.yaml, which is not Kubernetes YAML, so synth did not write it',
    ],
    ['YAML that does not parse', 'dist/sub/a.yaml', 'kind: [', 'sub/a.yaml, which is not Kubernetes YAML, so synth did not write it'],
  ])('without the marker: %s', (_case, file, content, why) => {
    put('dist/ok.yaml', CM);
    put(file, content);
    expect(verdict()).toBe(`refusing to replace ${dist}: it holds ${why}; ${FIX}`);
  });

  test('with the marker: a file or a folder it does not list', () => {
    put('dist/a.yaml', CM);
    put(`dist/${MARKER_FILE}`, markerText(['a.yaml']));
    put('dist/notes.yaml', CM);
    expect(verdict()).toBe(
      `refusing to replace ${dist}: it holds notes.yaml, which synth did not write (${MARKER_FILE} does not list it); ${FIX}`,
    );
    fs.rmSync(path.join(dist, 'notes.yaml'));
    fs.mkdirSync(path.join(dist, 'mine'));
    expect(verdict()).toBe(`refusing to replace ${dist}: it holds mine/, a folder synth did not write; ${FIX}`);
  });

  test('a symlink inside, even one it lists, and a marker that is not a file', () => {
    put('dist/a.yaml', CM);
    put(`dist/${MARKER_FILE}`, markerText(['a.yaml', 'b.yaml']));
    fs.symlinkSync('a.yaml', path.join(dist, 'b.yaml'));
    expect(verdict()).toBe(`refusing to replace ${dist}: it holds b.yaml, a symlink, which synth did not write; ${FIX}`);
    fs.rmSync(path.join(dist, 'b.yaml'));
    fs.rmSync(path.join(dist, MARKER_FILE));
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(dist, MARKER_FILE));
    expect(verdict()).toBe(`refusing to replace ${dist}: it holds ${MARKER_FILE} as a symlink, which synth did not write; ${FIX}`);
  });

  fifoTest('a FIFO inside is refused without being opened, which would block (skipped without mkfifo)', () => {
    put('dist/a.yaml', CM);
    execFileSync('mkfifo', [path.join(dist, 'pipe.yaml')]);
    expect(verdict()).toBe(`refusing to replace ${dist}: it holds pipe.yaml, a FIFO (named pipe), which synth did not write; ${FIX}`);
  });

  test('a regular file as the output folder', () => {
    put('dist', CM);
    expect(verdict()).toBe(`refusing to replace ${dist}: it is a file, not a folder; set outdir to a folder of its own, e.g. dist`);
  });

  fifoTest('a FIFO as the output folder (skipped without mkfifo)', () => {
    execFileSync('mkfifo', [dist]);
    expect(verdict()).toBe(
      `refusing to replace ${dist}: it is a FIFO (named pipe), not a folder; set outdir to a folder of its own, e.g. dist`,
    );
  });

  test('a symlink to a file, or to nothing, as the output folder', () => {
    put('file.yaml', CM);
    fs.symlinkSync('file.yaml', dist);
    expect(verdict()).toBe(
      `refusing to replace ${root}/file.yaml (the target of the symlink ${dist}): it is a file, not a folder; ` +
        'set outdir to a folder of its own, e.g. dist',
    );
    fs.rmSync(dist);
    fs.symlinkSync('gone', dist);
    expect(verdict()).toBe(
      `refusing to replace ${root}/gone (the target of the symlink ${dist}): the symlink points at nothing; ` +
        'create that folder, or set outdir to a folder of its own, e.g. dist',
    );
  });

  test('a symlinked output is judged by the folder it points to', () => {
    put('gitops/mesh/a.yaml', CM);
    fs.symlinkSync('gitops/mesh', dist);
    expect(verdict()).toBeNull();
    put('gitops/mesh/README.md', 'x');
    expect(verdict()).toMatch(
      new RegExp(`^refusing to replace ${root}/gitops/mesh \\(the target of the symlink ${dist}\\): it holds README.md`),
    );
  });

  test.each(['.git', 'package.json', 'cdk8s.yaml'])('a project (it holds %s)', (marker) => {
    put(`dist/${marker}`, 'x');
    expect(verdict()).toBe(
      `refusing to replace ${dist}: it holds ${marker}, so it is a project, not a synth output; set outdir to a folder of its own, e.g. dist`,
    );
  });

  test('the working directory or a folder holding it', () => {
    fs.mkdirSync(path.join(dist, 'sub'), { recursive: true });
    const message = `refusing to replace ${dist}: it holds the working directory; set outdir to a folder of its own, e.g. dist`;
    expect(verdict(dist, dist)).toBe(message);
    expect(verdict(dist, path.join(dist, 'sub'))).toBe(message);
    expect(verdict(path.join(root, 'dis'), dist)).toBeNull();
  });
});
