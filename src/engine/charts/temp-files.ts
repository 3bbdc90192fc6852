import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** `.<label>.<pid>.<random>.tmp`, with an optional `.part` the downloader adds. */
const TEMP_NAME = /^\.[^/]+\.(\d+)\.[0-9a-f]+\.tmp(\.part)?$/;

/**
 * A name for a temporary file or folder in a cache folder. It carries the pid of the process that made it:
 * a run stopped from outside (Ctrl-C, a CI job's kill) gets no chance to clean up, so the next run removes
 * the temp entries whose process is gone (see removeAbandoned). Temp-file libraries clean up on exit, which a
 * killed process never reaches; hence this small scheme of our own.
 */
export function tempName(label: string): string {
  return `.${label}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Removes the temp entries (see tempName) in `dir` left by processes that no longer run. */
export function removeAbandoned(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match && !isRunning(Number(match[1]))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
