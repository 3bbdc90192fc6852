/**
 * The output folder's lock: `.<name>.lock`, created exclusively (O_EXCL) with the holder's pid, host, thread and start
 * time. A second synth waits for it, then refuses naming the holder; a lock whose holder is no longer running on this
 * host is stale and taken over.
 *
 * Hand-written because no lock library fits a synchronous synth: proper-lockfile decides staleness by the lock's
 * mtime, which the holder must keep refreshing from timers, and synth blocks the event loop (helm renders, the write),
 * so a long synth would look stale and have its lock stolen. A pid check needs no refreshing.
 */
import * as os from 'os';
import { threadId } from 'worker_threads';
import { UserError } from '../../errors';
import { isErrnoError } from '../fs-errors';
import { isRecord } from '../k8s/object';
import { type OutputFs } from './fs-ops';

/** What the lock file holds. */
interface Holder {
  readonly pid: number;
  readonly hostname: string;
  readonly thread: number;
  readonly started: string;
}

/** How often a waiting synth looks at the lock again. */
const POLL_MS = 50;
/** A lock file without a readable holder younger than this may be one being written right now. */
const UNREADABLE_GRACE_MS = 5000;

/** Locks this thread holds: a lock file naming this thread that is not in here was left by an abandoned write. */
const held = new Set<string>();

/**
 * Takes the lock at `lockPath`, waiting up to `timeoutMs` for another holder, and returns the function that releases
 * it. `what` names the output folder in messages; `log` gets one line when a stale lock is taken over.
 */
export function acquireLock(
  lockPath: string,
  ops: OutputFs,
  options: { readonly timeoutMs: number; readonly what: string; readonly log: (line: string) => void },
): () => void {
  const me: Holder = { pid: process.pid, hostname: os.hostname(), thread: threadId, started: new Date().toISOString() };
  const deadline = Date.now() + options.timeoutMs;
  let waited = false;
  for (;;) {
    try {
      ops.createExclusive(lockPath, `${JSON.stringify(me)}\n`);
      held.add(lockPath);
      return () => release(lockPath, ops);
    } catch (error) {
      if (!isErrnoError(error) || error.code !== 'EEXIST') throw error;
    }
    const text = readLock(lockPath, ops);
    if (text === undefined) continue; // released between the two calls
    const holder = parseHolder(text);
    const stale = holder ? !isRunning(holder, lockPath) : ageMs(lockPath, ops) > UNREADABLE_GRACE_MS;
    // Compare-and-remove: a lock taken over and retaken by another synth meanwhile has other content and stays; then
    // this one waits like any other, so a lock that keeps changing cannot keep it spinning past the deadline.
    if (stale && readLock(lockPath, ops) === text) {
      ops.remove(lockPath);
      options.log(`taking over the lock ${lockPath} of ${holder ? describe(holder) : 'an unknown holder'}, which is no longer running`);
      continue;
    }
    if (!waited) {
      waited = true;
      options.log(`waiting for ${holder ? describe(holder) : 'another synth'}, which holds ${lockPath}`);
    }
    if (Date.now() >= deadline) {
      throw new UserError(
        `refusing to write ${options.what}: another synth (${holder ? describe(holder) : 'unknown holder'}) holds ${lockPath} ` +
          `and did not finish within ${options.timeoutMs / 1000} s; wait for it to finish, or if it is not running, delete ${lockPath}`,
      );
    }
    sleep(POLL_MS);
  }
}

function release(lockPath: string, ops: OutputFs): void {
  held.delete(lockPath);
  try {
    ops.remove(lockPath);
  } catch (error) {
    // The output is written; a lock left behind names this process and is taken over by the next synth.
    if (!isErrnoError(error)) throw error;
  }
}

function readLock(lockPath: string, ops: OutputFs): string | undefined {
  try {
    return ops.readFile(lockPath);
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value) || typeof value.pid !== 'number' || !Number.isInteger(value.pid) || typeof value.hostname !== 'string')
      return undefined;
    return { pid: value.pid, hostname: value.hostname, thread: Number(value.thread), started: String(value.started) };
  } catch {
    return undefined;
  }
}

/** Whether the holder may still be writing: on another host that cannot be known, so it is assumed. */
function isRunning(holder: Holder, lockPath: string): boolean {
  if (holder.hostname !== os.hostname()) return true;
  if (holder.pid === process.pid) return holder.thread !== threadId || held.has(lockPath);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrnoError(error) && error.code === 'EPERM';
  }
}

function describe(holder: Holder): string {
  return `pid ${holder.pid} on ${holder.hostname}, started ${holder.started}`;
}

function ageMs(lockPath: string, ops: OutputFs): number {
  const stat = ops.lstat(lockPath);
  return stat ? Date.now() - stat.mtimeMs : 0;
}

/** Blocks this thread: synth is synchronous, so there is no event loop to wait on. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
