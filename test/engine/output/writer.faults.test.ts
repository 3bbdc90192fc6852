// Fault injection at every file-system step of a write: the steps are enumerated by recording a good run, then for
// each step k the write runs again with step k failing (an error the writer sees) or crashing (the process state is
// abandoned: step k and every later step fail, as if the process had died there). Whatever happens, the output
// must be the complete old or the complete new set of files, or become so on the next recovery, and nothing outside
// the output folder and its siblings may change.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeOutputFs, type OutputFs, setOutputFs } from '../../../src/engine/output/fs-ops';
import { MARKER_FILE, markerText } from '../../../src/engine/output/marker';
import { recoverOutput, writeOutput } from '../../../src/engine/output/writer';
import { UserError } from '../../../src/errors';
import { readOutputDir } from '../../../src/synth/diff';

const OPS = ['lstat', 'readdir', 'readFile', 'readlink', 'realpath', 'mkdir', 'writeFile', 'createExclusive', 'rename', 'remove'] as const;
const SIBLINGS = new Set(['dist', '.dist.lock', '.dist.new', '.dist.old']);

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const OLD = { 'a.yaml': cm('a-old'), 'sub/b.yaml': cm('b-old'), 'gone/c.yaml': cm('c-old') };
const NEW = { 'a.yaml': cm('a-new'), 'sub/b.yaml': cm('b-new'), 'd/e/f.yaml': cm('f-new') };
const withMarker = (files: Record<string, string>) => new Map([...Object.entries(files), [MARKER_FILE, markerText(Object.keys(files))]]);

class Crash extends Error {}

let dead: number | undefined;
/** A pid that no process has any more (found once: starting a process for every step would be slow). */
const deadPid = (): number => (dead ??= spawnSync(process.execPath, ['-e', '']).pid!);

let root = '';
let dist = '';
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'writer-faults-')));
  dist = path.join(root, 'dist');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const quiet = { log: () => undefined };
const writeNew = () => writeOutput(dist, new Map(Object.entries(NEW)), quiet);

function put(rel: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
}

/** The states a write may start from; each also sets up neighbours that must stay untouched. */
const SCENARIOS: Record<string, { readonly old: Map<string, string>; readonly setup: () => void }> = {
  'replacing an output': { old: withMarker(OLD), setup: () => writeOutput(dist, new Map(Object.entries(OLD)), quiet) },
  'the first write': { old: new Map(), setup: () => undefined },
  'replacing an output of the previous writer (no marker)': {
    old: new Map(Object.entries(OLD)),
    setup: () => Object.entries(OLD).forEach(([rel, content]) => put(`dist/${rel}`, content)),
  },
  'an interrupted write left behind (a backup, a partial staging folder, a stale lock)': {
    old: withMarker(OLD),
    setup: () => {
      writeOutput(dist, new Map(Object.entries(OLD)), quiet);
      fs.renameSync(dist, path.join(root, '.dist.old'));
      put('.dist.new/a.yaml', 'partial');
      put('.dist.lock', JSON.stringify({ pid: deadPid(), hostname: os.hostname(), thread: 0, started: 'x' }));
    },
  },
};

function neighbours(): void {
  put('neighbour.yaml', cm('neighbour'));
  put('other/x.yaml', cm('x'));
  put('.dist2.old/y.yaml', cm('y'));
  fs.symlinkSync('dist', path.join(root, 'link-to-dist'));
}

/** Everything under root except the output folder and its siblings. */
function outside(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (rel === '' && SIBLINGS.has(e.name)) continue;
      const full = path.join(root, child);
      if (e.isSymbolicLink()) out.set(child, `link ${fs.readlinkSync(full)}`);
      else if (e.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(full, 'utf-8'));
    }
  };
  walk('');
  return out;
}

/** The real operations, with `hook` called before each with its 1-based step number. */
function instrumented(hook: (step: number, op: string, args: unknown[]) => void): OutputFs {
  let step = 0;
  const wrap = (op: (typeof OPS)[number]) => {
    const real = nodeOutputFs[op] as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      hook(++step, op, args);
      return real(...args);
    };
  };
  return Object.fromEntries(OPS.map((op) => [op, wrap(op)])) as unknown as OutputFs;
}

function run(ops: OutputFs, body: () => void): unknown {
  const restore = setOutputFs(ops);
  try {
    body();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    restore();
  }
}

const same = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

describe.each(Object.entries(SCENARIOS))('a write fails or crashes at any step: %s', (_name, scenario) => {
  const fresh = () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root);
    neighbours();
    scenario.setup();
  };
  /** Which output the folder holds ('old' for no folder when there was none before). */
  const state = (): 'old' | 'new' | 'neither' => {
    if (!fs.existsSync(dist)) return scenario.old.size === 0 ? 'old' : 'neither';
    const files = readOutputDir(dist);
    return same(files, withMarker(NEW)) ? 'new' : same(files, scenario.old) ? 'old' : 'neither';
  };

  function steps(): string[] {
    fresh();
    const recorded: string[] = [];
    const error = run(
      instrumented((_step, op, args) => recorded.push(`${op} ${path.relative(root, String(args[0]))}`)),
      writeNew,
    );
    expect(error).toBeUndefined();
    expect(state()).toBe('new');
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.dist.'))).toEqual([]);
    return recorded;
  }

  test.each(['error', 'crash'] as const)('injected %s: the output is complete old or new, or is after the next recovery', (mode) => {
    const recorded = steps();
    expect(recorded.filter((s) => s.startsWith('rename')).length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (let k = 1; k <= recorded.length; k++) {
      fresh();
      const before = outside();
      let crashed = false;
      const thrown = run(
        instrumented((step, op, args) => {
          if (crashed) throw new Crash('the process is gone');
          if (step !== k) return;
          if (mode === 'crash') {
            crashed = true;
            throw new Crash('the process is gone');
          }
          throw Object.assign(new Error(`ENOSPC: injected, ${op}`), { code: 'ENOSPC', syscall: 'write', path: String(args[0]) });
        }),
        writeNew,
      );
      const at = `step ${k} (${recorded[k - 1]})`;
      if (mode === 'error' && thrown !== undefined && !(thrown instanceof UserError && !thrown.message.includes('\n'))) {
        problems.push(`${at}: threw ${String(thrown)}, not one line`);
      }
      if (mode === 'crash' && !(thrown instanceof Crash)) problems.push(`${at}: the crash did not reach the caller: ${String(thrown)}`);
      const after = state();
      recoverOutput(dist, quiet);
      const recovered = state();
      if (recovered === 'neither') problems.push(`${at}: the output is neither old nor new after recovery`);
      if (after !== 'neither' && recovered !== after) problems.push(`${at}: recovery turned a complete ${after} output into ${recovered}`);
      if (!same(outside(), before)) problems.push(`${at}: something outside the output and its siblings changed`);
      writeNew();
      if (state() !== 'new') problems.push(`${at}: the next write did not give the new output`);
      const left = fs.readdirSync(root).filter((n) => n.startsWith('.dist.'));
      if (left.length > 0) problems.push(`${at}: the next write left ${left.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });
});
