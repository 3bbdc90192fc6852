import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffOutputs, formatDrift, readOutputDir } from '../../src/synth/diff';
import { UserError } from '../../src/errors';

const cm = (name: string, data: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  a: "${data}"\n`;

describe('diffOutputs', () => {
  test('equal outputs have no drift', () => {
    const files = new Map([['a.k8s.yaml', cm('x', '1')]]);
    expect(diffOutputs(files, new Map(files))).toEqual([]);
  });

  test('CRLF line endings in the committed output are no drift', () => {
    expect(diffOutputs(new Map([['a.k8s.yaml', cm('x', '1').replace(/\n/g, '\r\n')]]), new Map([['a.k8s.yaml', cm('x', '1')]]))).toEqual(
      [],
    );
  });

  test('reports files a fresh synth adds and removes', () => {
    const drift = diffOutputs(new Map([['old.k8s.yaml', cm('x', '1')]]), new Map([['new.k8s.yaml', cm('x', '1')]]));
    expect(drift).toEqual([
      { file: 'new.k8s.yaml', change: 'added', objects: [] },
      { file: 'old.k8s.yaml', change: 'removed', objects: [] },
    ]);
  });

  test('reports objects added, removed and changed in a file, by kind, namespace and name', () => {
    const committed = new Map([['a.k8s.yaml', [cm('same', '1'), cm('edited', '1'), cm('gone', '1')].join('---\n')]]);
    const fresh = new Map([['a.k8s.yaml', [cm('same', '1'), cm('edited', '2'), cm('new', '1')].join('---\n')]]);
    const [file] = diffOutputs(committed, fresh);
    expect(file.change).toBe('changed');
    expect(file.objects).toEqual([
      { change: 'changed', object: 'ConfigMap shop/edited' },
      { change: 'added', object: 'ConfigMap shop/new' },
      { change: 'removed', object: 'ConfigMap shop/gone' },
    ]);
  });

  test('a formatting-only change lists no objects', () => {
    const [file] = diffOutputs(new Map([['a.yaml', cm('x', '1')]]), new Map([['a.yaml', cm('x', '1').replace('"1"', "'1'")]]));
    expect(file).toEqual({ file: 'a.yaml', change: 'changed', objects: [] });
    expect(formatDrift([file])).toBe('~ a.yaml\n    formatting only');
  });

  test('a file that is not YAML (the output marker) differs as text, not as YAML documents', () => {
    const [file] = diffOutputs(
      new Map([['.cdk8s-istio-output', '# marker\na.yaml\n']]),
      new Map([['.cdk8s-istio-output', '# marker\nb.yaml\n']]),
    );
    expect(formatDrift([file])).toBe('~ .cdk8s-istio-output\n    content differs');
  });

  test('a committed file that is not valid YAML is reported, not thrown', () => {
    const [file] = diffOutputs(new Map([['a.yaml', 'a: [']]), new Map([['a.yaml', cm('x', '1')]]));
    expect(file.note).toMatch(/^not valid YAML: a.yaml:1:/);
  });
});

describe('formatDrift', () => {
  test('one line per file, one indented line per object', () => {
    const text = formatDrift([
      { file: 'new.yaml', change: 'added', objects: [] },
      { file: 'old.yaml', change: 'removed', objects: [] },
      {
        file: 'x.yaml',
        change: 'changed',
        objects: [
          { change: 'changed', object: 'Deployment shop/web' },
          { change: 'removed', object: 'Namespace shop' },
        ],
      },
    ]);
    expect(text).toBe('+ new.yaml (new file)\n- old.yaml (no longer produced)\n~ x.yaml\n    ~ Deployment shop/web\n    - Namespace shop');
  });
});

// FIFOs need mkfifo (coreutils); without it, the FIFO test is skipped and says so in its name.
const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0;

describe('readOutputDir', () => {
  test('reads every file below the folder with /-separated relative paths; a missing folder is empty', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-test-'));
    try {
      fs.mkdirSync(path.join(dir, '10-control-plane'));
      fs.writeFileSync(path.join(dir, '10-control-plane', 'cp.k8s.yaml'), 'a');
      fs.writeFileSync(path.join(dir, 'top.k8s.yaml'), 'b');
      expect(readOutputDir(dir)).toEqual(
        new Map([
          ['10-control-plane/cp.k8s.yaml', 'a'],
          ['top.k8s.yaml', 'b'],
        ]),
      );
      expect(readOutputDir(path.join(dir, 'missing')).size).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Expects readOutputDir to refuse the entry `make` puts below the folder, naming it, without opening it. */
  function expectRefused(kind: string, make: (at: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-test-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      make(path.join(dir, 'sub', 'x.yaml'));
      expect(() => readOutputDir(dir)).toThrow(
        new UserError(`cannot compare ${dir}/sub/x.yaml: it is ${kind}, which synth never writes; move it out of the output folder`),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('refuses a symlink in the output without following it, in one line', () => {
    expectRefused('a symlink', (at) => fs.symlinkSync('/dev/zero', at));
  });

  (HAS_MKFIFO ? test : test.skip)('refuses a FIFO in the output without opening it, in one line (skipped without mkfifo)', () => {
    expectRefused('a FIFO (named pipe)', (at) => spawnSync('mkfifo', [at]));
  });
});
