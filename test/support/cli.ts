import { Readable } from 'stream';
import { main } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process as `cdk8s-istio <args>`, capturing stdout and stderr, with `stdin` as standard
 * input when given. Restores process.exitCode, which jest would otherwise exit with.
 */
export async function runCli(args: readonly string[], stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  if (stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
  try {
    const code = await main([...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    Object.defineProperty(process, 'stdin', stdinDescriptor);
    process.exitCode = undefined;
  }
}
