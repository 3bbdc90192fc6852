import { spawnSync } from 'child_process';

/** Result of a finished child process. */
export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  readonly error?: Error;
}

/**
 * Runs a program to completion. The one place this package starts child processes,
 * so tests can swap it (see `setProcessRunner`) and count or fake calls.
 */
export type ProcessRunner = (
  program: string,
  args: readonly string[],
  options?: { readonly input?: string; readonly cwd?: string; readonly env?: NodeJS.ProcessEnv },
) => ProcessResult;

const spawnRunner: ProcessRunner = (program, args, options = {}) => {
  const result = spawnSync(program, [...args], {
    input: options.input,
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf-8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
};

let current: ProcessRunner = spawnRunner;

export function runProcess(program: string, args: readonly string[], options?: Parameters<ProcessRunner>[2]): ProcessResult {
  return current(program, args, options);
}

/** Replaces the runner (for tests); returns a function that restores the previous one. */
export function setProcessRunner(runner: ProcessRunner): () => void {
  const previous = current;
  current = runner;
  return () => {
    current = previous;
  };
}
