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
    expect(runProcess('/nonexistent/program', []).error).toBeDefined();
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
