// Hostile input to `npm run synth` (the example app's entry point, src/main.ts): wrong output folders, interrupted
// writes, a broken or hanging helm, a FIFO among the charts. Each case asserts the one-line error and that nothing
// outside the output folder and the caches changed.
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/main';
import { expectOneLineError, expectUntouchedOutside, failureLines, fifoTest, makeFifo, script, useSandbox } from './sandbox';

const sandbox = useSandbox();

function synth(): { code: number; stderr: string } {
  let stderr = '';
  const code = main({}, { write: (s: string) => ((stderr += s), true) });
  return { code, stderr };
}

describe('the output folder belongs to synth alone', () => {
  test('a folder holding other files (docs) is refused in one line and kept', () => {
    const box = sandbox();
    process.env.CDK8S_OUTDIR = path.join(box.root, 'docs');
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    expectOneLineError(stderr, /^error: refusing to replace .*docs: it holds notes\.md, which synth did not write; set outdir/);
  });

  test('a home folder with a private key is refused and the key survives', () => {
    const box = sandbox();
    process.env.CDK8S_OUTDIR = box.home;
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    expectOneLineError(stderr, /refusing to replace .*home: it holds \.ssh\/id_rsa/);
  });

  test('a regular file as the output folder is refused and kept', () => {
    const box = sandbox();
    fs.writeFileSync(box.out, 'not a folder\n');
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    expectOneLineError(stderr, /^error: refusing to replace .*out: it is a file/);
    expect(fs.readFileSync(box.out, 'utf-8')).toBe('not a folder\n');
  });

  test('a symlinked output folder is written through: the link stays, its target gets the new output', () => {
    const box = sandbox();
    const real = path.join(box.root, 'gitops-repo', 'mesh');
    process.env.CDK8S_OUTDIR = real;
    expect(synth().code).toBe(0);
    fs.writeFileSync(path.join(real, '03-workloads.k8s.yaml'), 'stale: true\n');
    const link = path.join(box.root, 'dist-link');
    fs.symlinkSync(real, link);
    process.env.CDK8S_OUTDIR = link;
    const { code } = expectUntouchedOutside(box, [real], synth);
    expect(code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(real, '03-workloads.k8s.yaml'), 'utf-8')).toMatch(/^apiVersion: v1\nkind: Namespace/);
  });

  test('a dangling symlink is refused in one line', () => {
    const box = sandbox();
    fs.symlinkSync(path.join(box.root, 'missing'), box.out);
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    expectOneLineError(stderr, /^error: refusing to replace .*missing \(the target of the symlink .*out\): the symlink points at nothing/);
  });
});

describe('an interrupted write', () => {
  test('a synth that then fails restores the complete old output first and says so; a good one leaves no siblings', () => {
    const box = sandbox();
    expect(synth().code).toBe(0);
    const complete = new Map(fs.readdirSync(box.out).map((f) => [f, fs.readFileSync(path.join(box.out, f), 'utf-8')]));
    // The state a crash between the two renames leaves: the old output moved away, a half-written new one.
    fs.renameSync(box.out, path.join(box.root, '.out.old'));
    fs.mkdirSync(path.join(box.root, '.out.new'));
    fs.writeFileSync(path.join(box.root, '.out.new', '01-istio-base.k8s.yaml'), 'half');
    process.env.ISTIO_CHARTS_DIR = path.join(box.root, 'docs'); // no charts there: this synth fails
    const notices: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => notices.push(String(chunk)) > 0);
    const failed = (() => {
      try {
        return synth();
      } finally {
        spy.mockRestore();
      }
    })();
    expect(failed.code).toBe(1);
    expect(notices.join('')).toMatch(/restored .*out/);
    for (const line of failureLines(failed.stderr))
      expect(line).toMatch(/istio chart '(base|istiod|gateway)' version 1\.30\.3 not found \(looked at: .*\); fix: /);
    expect(new Map(fs.readdirSync(box.out).map((f) => [f, fs.readFileSync(path.join(box.out, f), 'utf-8')]))).toEqual(complete);
    process.env.ISTIO_CHARTS_DIR = box.charts;
    expect(synth().code).toBe(0);
    expect(fs.readdirSync(box.root).filter((f) => f.startsWith('.out.'))).toEqual([]);
  });
});

describe('a broken helm', () => {
  test('a helm that exits 0 with no output fails the synth and caches nothing', () => {
    const box = sandbox();
    process.env.HELM_BIN = script(box, 'helm', 'cat > /dev/null; exit 0');
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    for (const line of failureLines(stderr)) expect(line).toMatch(/rendered no objects/);
    expect(fs.existsSync(box.out)).toBe(false);
    const renders = path.join(box.cache, 'renders');
    expect(fs.existsSync(renders) ? fs.readdirSync(renders, { recursive: true }).filter((f) => String(f).endsWith('.json')) : []).toEqual(
      [],
    );
  });

  test('a helm that hangs is killed at the timeout, in one line per chart', () => {
    const box = sandbox();
    process.env.HELM_BIN = script(box, 'helm', 'exec sleep 60');
    process.env.CDK8S_ISTIO_HELM_TIMEOUT = '1';
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    for (const line of failureLines(stderr))
      expect(line).toMatch(/did not finish within 1 s and was stopped; raise the limit .*CDK8S_ISTIO_HELM_TIMEOUT/);
  });
});

describe('a chart folder with a FIFO', () => {
  fifoTest('is refused in one line naming the FIFO, never opened (needs mkfifo)', () => {
    const box = sandbox();
    makeFifo(path.join(box.charts, 'base', 'templates', 'pipe.yaml'));
    const { code, stderr } = expectUntouchedOutside(box, [], synth);
    expect(code).toBe(1);
    expect(failureLines(stderr).join('\n')).toMatch(/pipe\.yaml.*(FIFO|fifo|not a regular file)/);
  });
});
