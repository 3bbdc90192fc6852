import { Command } from 'commander';

/** Placeholder until the check command lands. */
export function registerCheck(program: Command): void {
  program.command('check').description('not implemented yet');
}
