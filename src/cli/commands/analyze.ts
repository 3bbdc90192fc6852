import { Command } from 'commander';

/** Placeholder until the analyze command lands. */
export function registerAnalyze(program: Command): void {
  program.command('analyze').description('not implemented yet');
}
