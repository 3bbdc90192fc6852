// MeshApp.synth() across real processes: a synth killed with SIGKILL at each rename of its write, and two synths
// of the same output folder at once. The children run the sample app with TypeScript compiled on the fly by swc.
import { spawn } from 'child_process';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readOutputDir } from '../../src/synth/diff';
import { REQUIRE_TYPESCRIPT, SAMPLE_APP } from './child-synth';
import { sampleApp, type SampleOptions } from './sample-app';

const FS_OPS = path.join(__dirname, '..', '..', 'src', 'engine', 'output', 'fs-ops.ts');

/**
 * The child: the sample app with `options`, its writer's file system wrapped to kill the process with SIGKILL just
 * before or just after the `killAt`-th rename, and to hold the lock for `holdMs` once taken.
 */
const CHILD = `${REQUIRE_TYPESCRIPT}
  const { options, killAt, when, holdMs } = JSON.parse(process.argv[1]);
  const ops = require(${JSON.stringify(FS_OPS)});
  const real = ops.nodeOutputFs;
  let renames = 0;
  ops.setOutputFs({
    ...real,
    rename: (from, to) => {
      renames++;
      if (renames === killAt && when === 'before') process.kill(process.pid, 'SIGKILL');
      real.rename(from, to);
      if (renames === killAt && when === 'after') process.kill(process.pid, 'SIGKILL');
    },
    createExclusive: (file, content) => {
      real.createExclusive(file, content);
      if (holdMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
    },
  });
  require(${JSON.stringify(SAMPLE_APP)}).sampleApp(options).synth();
`;

interface ChildRun {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function child(args: { options: SampleOptions; killAt?: number; when?: 'before' | 'after'; holdMs?: number }): {
  readonly pid: number;
  readonly done: Promise<ChildRun>;
} {
  const proc = spawn(process.execPath, ['-e', CHILD, JSON.stringify(args)], { cwd: path.join(__dirname, '..', '..'), stdio: 'pipe' });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ChildRun>((resolve) => proc.on('exit', (code, signal) => resolve({ pid: proc.pid!, code, signal, stderr })));
  return { pid: proc.pid!, done };
}

let root = '';
let cacheDir = '';
let dist = '';
let oldFiles: Map<string, string>;
let newFiles: Map<string, string>;
const OLD = (): SampleOptions => ({ outdir: dist, renderCacheDir: cacheDir, layout: 'stage-folders' });
const NEW = (): SampleOptions => ({ ...OLD(), withoutWorkloads: true });

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-app-crash-'));
  cacheDir = path.join(root, 'render-cache');
  // Both outputs once, in this process: this also fills the render cache the children read.
  sampleApp({ ...OLD(), outdir: path.join(root, 'old') }).synth();
  sampleApp({ ...NEW(), outdir: path.join(root, 'new') }).synth();
  oldFiles = readOutputDir(path.join(root, 'old'));
  newFiles = readOutputDir(path.join(root, 'new'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
beforeEach(() => {
  const folder = path.join(root, `case-${counter++}`);
  fs.mkdirSync(folder);
  dist = path.join(folder, 'dist');
});

const siblings = () => fs.readdirSync(path.dirname(dist)).filter((n) => n !== 'dist');
const which = (files: ReadonlyMap<string, string>) =>
  JSON.stringify([...files]) === JSON.stringify([...oldFiles])
    ? 'old'
    : JSON.stringify([...files]) === JSON.stringify([...newFiles])
      ? 'new'
      : 'neither';

function withStderr<T>(body: () => T): { readonly result: T; readonly stderr: string } {
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { result: body(), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('a synth killed with SIGKILL while writing', () => {
  test.each([
    [1, 'before', 'old', ['.dist.lock', '.dist.new']],
    [1, 'after', 'old', ['.dist.lock', '.dist.new', '.dist.old']],
    [2, 'before', 'old', ['.dist.lock', '.dist.new', '.dist.old']],
    [2, 'after', 'new', ['.dist.lock', '.dist.old']],
  ] as const)(
    'at rename %i (%s it): a failing synth then leaves the %s output complete, and a good one leaves no sibling',
    async (killAt, when, expected, leftBehind) => {
      sampleApp(OLD()).synth();
      const killed = await child({ options: NEW(), killAt, when }).done;
      expect(killed.signal).toBe('SIGKILL');
      expect(siblings().sort()).toEqual(leftBehind);

      const failing = sampleApp(OLD());
      new Construct(failing.node.findChild('shop'), 'bad').node.addValidation({ validate: () => ['port 70000 is out of range 1-65535'] });
      const { stderr } = withStderr(() => expect(() => failing.synth()).toThrow(/port 70000/));
      expect(stderr).toContain(`taking over the lock ${path.dirname(fs.realpathSync(dist))}`);
      expect(stderr).toMatch(/recovered .*dist after an interrupted synth: .*removed \.dist\./);
      expect(which(readOutputDir(dist))).toBe(expected);
      expect(siblings()).toEqual([]);

      sampleApp(OLD()).synth();
      expect(which(readOutputDir(dist))).toBe('old');
      expect(siblings()).toEqual([]);
    },
    120_000,
  );
});

describe('two synths of the same output at once', () => {
  test('started together: both succeed in turn, no ENOTEMPTY, one complete output, no sibling', async () => {
    const runs = await Promise.all([child({ options: OLD() }).done, child({ options: NEW() }).done]);
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/ENOTEMPTY|\n\s+at /);
      expect(run.code).toBe(0);
    }
    expect(which(readOutputDir(dist))).not.toBe('neither');
    expect(siblings()).toEqual([]);
  }, 120_000);

  test('the second waits while the first holds the lock, says so, and then writes its output', async () => {
    fs.mkdirSync(dist);
    // Long enough for the second child to start and reach the lock on a loaded machine (1.5 s was not).
    const first = child({ options: OLD(), holdMs: 5000 });
    const lock = path.join(path.dirname(dist), '.dist.lock');
    for (let i = 0; i < 600 && !fs.existsSync(lock); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.existsSync(lock)).toBe(true);
    const second = child({ options: NEW() });
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stderr).toContain(`waiting for pid ${first.pid} on ${os.hostname()}`);
    expect(which(readOutputDir(dist))).toBe('new');
    expect(siblings()).toEqual([]);
  }, 120_000);
});
