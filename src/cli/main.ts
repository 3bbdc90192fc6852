import { Command, CommanderError } from 'commander';
import { isUserFacing } from '../errors';
import { registerAnalyze } from './commands/analyze';
import { registerCheck } from './commands/check';
import { registerInject } from './commands/inject';
import { exitCodeOf } from './errors';
import { packageVersion } from './version';

/** Parses arguments and dispatches; commands call the engines. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('cdk8s-istio')
    .description('Istio mesh tooling on plain Kubernetes YAML: offline injection, analysis and drift checks')
    .version(packageVersion(), '-V, --version', 'print the version of cdk8s-istio')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerInject(program);
  registerAnalyze(program);
  registerCheck(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isUserFacing(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      return exitCodeOf(error);
    }
    throw error;
  }
}
