/** Errors of the CLI: one line for the user, with the exit code the command documents in its help. */
import { fsUserError, isErrnoError } from '../engine/fs-errors';
import { YamlParseError } from '../engine/yaml/documents';
import { YamlTooLargeError } from '../engine/yaml/split';
import { UserError } from '../errors';

/** A UserError that ends the command with a given exit code (main.ts uses 1 for other UserErrors). */
export class CliError extends UserError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The exit code an error asks for: a CliError's own, else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : 1;
}

/** The one-line error for a failed file-system call on `path`, which the message calls `what` (e.g. "input file"). */
export function fileError(error: unknown, path: string, what: string): UserError | undefined {
  if (!isErrnoError(error)) return undefined;
  if (error.code === 'ENOENT') return new UserError(`cannot read ${what} ${path}: no such file or directory; check the path`);
  const known = fsUserError(error, { path });
  if (known) return new UserError(`${what}: ${known.message}`);
  return new UserError(`cannot read ${what} ${path}: ${error.code} (${error.message.split('\n')[0]})`);
}

/**
 * The engines' input errors as one-line UserErrors: YAML syntax, oversized documents, file-system failures while
 * reading `path`. Anything else is returned as it is (UserErrors already are one line; other errors are bugs).
 */
export function inputError(error: unknown, path: string, what: string): unknown {
  if (error instanceof YamlParseError) return new UserError(`${error.source}:${error.line}: invalid YAML: ${error.reason}`);
  if (error instanceof YamlTooLargeError) {
    return new UserError(
      `${error.source}:${error.line}: the document starting here is over ${sizeText(error.limitChars)}: split it into ` +
        'smaller documents (a List can be written as its items, one document each)',
    );
  }
  return fileError(error, path, what) ?? error;
}

/** `error` as a CliError ending with `exitCode` when it is a UserError (a CliError keeps its own); others as they are. */
export function withExitCode(error: unknown, exitCode: number): unknown {
  return error instanceof UserError && !(error instanceof CliError) ? new CliError(error.message, exitCode) : error;
}

/** A size for messages: whole MiB, or bytes below one MiB. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}
