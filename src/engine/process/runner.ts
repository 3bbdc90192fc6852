import { spawnSync } from 'child_process';
import * as fs from 'fs';

/** Result of a finished child process. */
export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not be started at all (e.g. ENOENT), or was killed at its timeout. */
  readonly error?: Error;
  /** True when the process ran past `timeoutMs` and was killed. */
  readonly timedOut?: boolean;
}

export interface ProcessOptions {
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Kill the process (SIGKILL, so a program that ignores SIGTERM cannot outlive it) after this many
   * milliseconds and report `timedOut`. @default - no limit
   */
  readonly timeoutMs?: number;
  /**
   * Run the program in a process group of its own and kill the whole group at the timeout, so a shell command's
   * children (`cd app && node synth.js`) cannot outlive it. Needs util-linux `setsid`; without it only the program
   * itself is killed. @default false
   */
  readonly killProcessGroup?: boolean;
}

/** util-linux setsid: run as a session leader, so the program's pid is also its process group id. */
const SETSID = '/usr/bin/setsid';

/**
 * Runs a program to completion. The one place this package starts child processes,
 * so tests can swap it (see `setProcessRunner`) and count or fake calls.
 */
export type ProcessRunner = (program: string, args: readonly string[], options?: ProcessOptions) => ProcessResult;

const spawnRunner: ProcessRunner = (program, args, options = {}) => {
  const group = options.killProcessGroup === true && options.timeoutMs !== undefined && fs.existsSync(SETSID);
  const [file, argv] = group ? [SETSID, [program, ...args]] : [program, [...args]];
  const result = spawnSync(file, argv, {
    input: options.input,
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf-8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (timedOut && group && result.pid > 0) killGroup(result.pid);
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    error: result.error,
    ...(timedOut ? { timedOut } : {}),
  };
};

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

let current: ProcessRunner = spawnRunner;

export function runProcess(program: string, args: readonly string[], options?: ProcessOptions): ProcessResult {
  return current(program, args, options);
}

/** The runner in use, so a test's runner can wrap it (count calls, then run them for real). */
export function currentProcessRunner(): ProcessRunner {
  return current;
}

/** Replaces the runner (for tests); returns a function that restores the previous one. */
export function setProcessRunner(runner: ProcessRunner): () => void {
  const previous = current;
  current = runner;
  return () => {
    current = previous;
  };
}
