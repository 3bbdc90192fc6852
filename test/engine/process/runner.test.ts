import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runProcess, setProcessRunner } from '../../../src/engine/process/runner';

describe('runProcess', () => {
  test('runs a real program and returns its output and status', () => {
    const result = runProcess(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)']);
    expect(result).toMatchObject({ status: 3, stdout: 'out', stderr: 'err' });
  });

  test('passes standard input through', () => {
    const result = runProcess(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hello' });
    expect(result.stdout).toBe('hello');
  });

  test('reports a program that cannot be started as an error, not a throw', () => {
    expect(runProcess('/nonexistent/program', []).error?.message).toMatch(/ENOENT/);
  });

  test('kills a process that runs past timeoutMs, even one that ignores SIGTERM, and says it timed out', () => {
    const result = runProcess(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.status).toBeNull();
  });

  /** Running or sleeping; a killed process whose parent died may stay a zombie (state Z) until init reaps it. */
  const alive = (pid: number): boolean => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf-8'));
    } catch {
      return false;
    }
  };

  (fs.existsSync('/usr/bin/setsid') && fs.existsSync('/proc/self/stat') ? test : test.skip)(
    'killProcessGroup: the children of a timed-out shell command are killed too (skipped without util-linux setsid and /proc)',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
      try {
        const pidFile = path.join(dir, 'child.pid');
        const script = `sleep 60 & echo $! > ${pidFile}; wait`;
        const result = runProcess('/bin/sh', ['-c', script], { timeoutMs: 500, killProcessGroup: true });
        expect(result.timedOut).toBe(true);
        const child = Number(fs.readFileSync(pidFile, 'utf-8'));
        // SIGKILL takes effect asynchronously: give the kernel a moment.
        for (let i = 0; i < 50 && alive(child); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        expect(alive(child)).toBe(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('does not flag a process that finishes within its limit', () => {
    const result = runProcess(process.execPath, ['-e', 'process.stdout.write("done")'], { timeoutMs: 30_000 });
    expect(result).toMatchObject({ status: 0, stdout: 'done' });
    expect(result.timedOut).toBeUndefined();
  });

  test('can be swapped for a fake and restored', () => {
    const calls: string[] = [];
    const restore = setProcessRunner((program) => {
      calls.push(program);
      return { status: 0, stdout: 'fake', stderr: '' };
    });
    try {
      expect(runProcess('helm', ['version']).stdout).toBe('fake');
    } finally {
      restore();
    }
    expect(calls).toEqual(['helm']);
    expect(runProcess(process.execPath, ['-e', 'process.stdout.write("real")']).stdout).toBe('real');
  });
});
