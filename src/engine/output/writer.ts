import * as path from 'path';
import { UserError } from '../../errors';
import { fsUserError } from '../fs-errors';
import { type OutputFs, outputFs } from './fs-ops';
import { acquireLock } from './lock';
import { MARKER_FILE, markerText } from './marker';
import { checkOwnership } from './ownership';
import { leftovers, recoverSiblings } from './recover';
import { type OutputPaths, resolveOutput } from './resolve';

export interface OutputOptions {
  /**
   * How long to wait for another synth that holds the output folder's lock, in milliseconds.
   * @default 60000
   */
  readonly lockTimeoutMs?: number;
  /**
   * Where the one-line notices go (an interrupted write recovered, a stale lock taken over, waiting for a lock).
   * @default - standard error
   */
  readonly log?: (line: string) => void;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * Replaces the output folder `dir` with exactly `files` (relative `/`-separated path -> content) plus the marker file,
 * or leaves it as it was. Under the folder's lock: recover an interrupted write, check that the folder is synth's to
 * replace, write everything into `.<name>.new`, rename the folder to `.<name>.old`, rename `.<name>.new` to the folder,
 * remove `.<name>.old`. A process killed at any point leaves the complete old or new folder, or a state the next
 * write or `recoverOutput` completes. A symlinked `dir` is written through: the real folder is replaced, the link stays.
 */
export function writeOutput(dir: string, files: ReadonlyMap<string, string>, options: OutputOptions = {}): void {
  checkNames(files);
  const ops = outputFs();
  asUserError(() => {
    const paths = resolveOutput(dir, ops, { createParent: true })!;
    withLock(paths, ops, options, () => {
      report(paths, recoverSiblings(paths, ops), options);
      checkOwnership(paths, ops);
      try {
        stage(paths, files, ops);
        swap(paths, ops);
      } catch (error) {
        // Put the old output back now; should that fail too, the next write or recovery does it.
        try {
          recoverSiblings(paths, ops);
        } catch {
          // The error worth reporting is the first one.
        }
        throw error;
      }
    });
  });
}

/**
 * Completes or undoes an interrupted write of the output folder `dir` (see `writeOutput`), saying so in one line.
 * Cheap when there is nothing to do: the lock is taken only when leftovers exist.
 */
export function recoverOutput(dir: string, options: OutputOptions = {}): void {
  const ops = outputFs();
  asUserError(() => {
    const paths = resolveOutput(dir, ops, { createParent: false });
    if (!paths || !hasLeftovers(paths, ops)) return;
    withLock(paths, ops, options, () => report(paths, recoverSiblings(paths, ops), options));
  });
}

function hasLeftovers(paths: OutputPaths, ops: OutputFs): boolean {
  const { backups, staging } = leftovers(paths, ops);
  return backups.length + staging.length > 0 || ops.lstat(paths.lock) !== undefined;
}

function withLock(paths: OutputPaths, ops: OutputFs, options: OutputOptions, body: () => void): void {
  const release = acquireLock(paths.lock, ops, {
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    what: paths.requested,
    log: logOf(options),
  });
  try {
    body();
  } finally {
    release();
  }
}

function report(paths: OutputPaths, done: readonly string[], options: OutputOptions): void {
  if (done.length > 0) logOf(options)(`recovered ${paths.real} after an interrupted synth: ${done.join('; ')}`);
}

function logOf(options: OutputOptions): (line: string) => void {
  return options.log ?? ((line) => process.stderr.write(`${line}\n`));
}

function stage(paths: OutputPaths, files: ReadonlyMap<string, string>, ops: OutputFs): void {
  ops.mkdir(paths.staging);
  const made = new Set<string>();
  for (const [rel, content] of files) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (made.has(folder)) continue;
      ops.mkdir(path.join(paths.staging, folder));
      made.add(folder);
    }
    ops.writeFile(path.join(paths.staging, rel), content);
  }
  ops.writeFile(path.join(paths.staging, MARKER_FILE), markerText(files.keys()));
}

function swap(paths: OutputPaths, ops: OutputFs): void {
  const replacing = ops.lstat(paths.real) !== undefined;
  if (replacing) ops.rename(paths.real, paths.backup);
  ops.rename(paths.staging, paths.real);
  if (replacing) ops.remove(paths.backup);
}

/** Paths synth may write: relative, inside the folder, one line each (the marker lists them), not the marker. */
function checkNames(files: ReadonlyMap<string, string>): void {
  for (const rel of files.keys()) {
    const parts = rel.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..') || path.isAbsolute(rel)) {
      throw new UserError(`refusing to write ${JSON.stringify(rel)}: it is outside the output folder; use a relative path inside it`);
    }
    if (/[\r\n\0]/.test(rel)) throw new UserError(`refusing to write ${JSON.stringify(rel)}: a file name must be one line; rename it`);
    if (rel === MARKER_FILE) throw new UserError(`refusing to write ${rel}: synth writes that file itself; rename yours`);
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
      if (files.has(rel.slice(0, i))) {
        throw new UserError(`refusing to write ${rel.slice(0, i)} both as a file and as the folder of ${rel}; rename one of them`);
      }
    }
  }
}

/** Runs `body`, turning a file-system failure a user can cause into one line (see fs-errors.ts). */
function asUserError(body: () => void): void {
  try {
    body();
  } catch (error) {
    throw fsUserError(error, { alternative: 'set outdir elsewhere' }) ?? error;
  }
}
