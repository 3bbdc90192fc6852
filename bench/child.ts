/** Running one measured child process, and the statistics the benchmark reports. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root, from lib/bench/ (compiled) or bench/ (tests). */
export const REPO = path.basename(path.dirname(__dirname)) === 'lib' ? path.join(__dirname, '..', '..') : path.join(__dirname, '..');

export type Timed = { readonly wallMs: number; readonly stdout: string; readonly stderr: string } | { readonly failure: string };

/**
 * Runs `program <args>` and measures its wall time. Uses spawnSync directly (not the library's runProcess)
 * because a benchmark run needs a timeout and must not go through the code it measures.
 */
export function timeChild(program: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Timed {
  const start = performance.now();
  const result = spawnSync(program, [...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf-8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    return { failure: `timed out after ${timeoutMs / 1000} s` };
  }
  if (result.error) return { failure: result.error.message };
  if (result.status !== 0) {
    const lines = (result.stderr ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('at '));
    const reason = lines.find((l) => /^\w*Error\b|^error:/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? 'no output';
    return { failure: `exit ${result.status}: ${reason.replace(/\|/g, '\\|')}` };
  }
  return { wallMs, stdout: result.stdout, stderr: result.stderr };
}

export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
