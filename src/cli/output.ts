/**
 * Where a streaming command writes: standard output, or a file that appears only when the whole run succeeds.
 * Text is gathered into writes of about a MiB, so memory stays bounded however long the output is.
 * Hand-written: atomic-write libraries (write-file-atomic) take the whole content in one call, which is what
 * streaming must avoid; here the temporary file stays open across writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fsUserError, isErrnoError } from '../engine/fs-errors';
import { UserError } from '../errors';
import { specialKind } from './input';

const WRITE_CHARS = 1024 * 1024;

/** Standard output holds back this much before it streams, so a small run that fails prints nothing. */
export const STDOUT_HOLD_BACK_CHARS = 64 * 1024 * 1024;

export interface OutputSink {
  write(text: string): Promise<void>;
  /** Every document succeeded: complete the output. */
  commit(): Promise<void>;
  /** Something failed: leave no partial file (standard output keeps what it already streamed). */
  abort(): void;
}

/**
 * Standard output, with back-pressure. Output is held back up to `holdBackChars` first: a run that fails before
 * then writes nothing; a longer one streams, so its stdout may end after the documents before the failure.
 */
export class StdoutSink implements OutputSink {
  private parts: string[] = [];
  private chars = 0;
  private streaming = false;

  constructor(
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly holdBackChars = STDOUT_HOLD_BACK_CHARS,
  ) {
    guard(stream);
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.chars += text.length;
    if (!this.streaming && this.chars > this.holdBackChars) this.streaming = true;
    if (this.streaming && this.chars >= WRITE_CHARS) await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
  }

  abort(): void {
    this.parts = [];
    this.chars = 0;
  }

  private async flush(): Promise<void> {
    const data = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    const stream = this.stream;
    if (!streamErrors.get(stream) && (data === '' || stream.write(data))) return;
    await new Promise<void>((resolve, reject) => {
      const failed = streamErrors.get(stream);
      if (failed) return reject(failed);
      const done = (error?: Error) => {
        stream.off('drain', done);
        stream.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
    }).catch((error: unknown) => {
      const code = isErrnoError(error) ? ` (${error.code})` : '';
      throw new UserError(`standard output closed before the output was complete${code}: keep the reading end open, or use -o <file>`);
    });
  }
}

/**
 * The last error of each output stream. A stream without an 'error' listener crashes the process with a stack
 * trace when its reader goes away (EPIPE), even after the command is done: one listener per stream, kept.
 */
const streamErrors = new WeakMap<NodeJS.WritableStream, Error | undefined>();

function guard(stream: NodeJS.WritableStream): void {
  if (streamErrors.has(stream)) return;
  streamErrors.set(stream, undefined);
  stream.on('error', (error: Error) => streamErrors.set(stream, error));
}

/** The file-system calls FileSink makes; tests swap them to cause failures a real disk rarely gives (ENOSPC). */
export type FileOps = Pick<typeof fs, 'statSync' | 'openSync' | 'writeSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

/**
 * A file written through a temporary sibling (`.<name>.<pid>.tmp`) and renamed over the target on commit, so a
 * failed or interrupted run never leaves half a file. A file-system failure is one line naming the target.
 */
export class FileSink implements OutputSink {
  private readonly temp: string;
  private fd: number | undefined;
  private parts: string[] = [];
  private chars = 0;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.abort();
    process.kill(process.pid, signal); // our handlers are gone: the default action ends the process
  };

  constructor(
    private readonly target: string,
    private readonly ops: FileOps = fs,
  ) {
    let existing: fs.Stats | undefined;
    try {
      existing = ops.statSync(target);
    } catch (error) {
      if (!isErrnoError(error) || error.code !== 'ENOENT') throw this.failure(error);
    }
    const kind = existing && specialKind(existing);
    if (kind) throw new UserError(`cannot write output file ${target}: it is ${kind}: name a regular file`);
    this.temp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
      this.fd = ops.openSync(this.temp, 'wx');
    } catch (error) {
      throw this.failure(error);
    }
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= WRITE_CHARS) this.flush();
  }

  async commit(): Promise<void> {
    try {
      this.flush();
      this.ops.closeSync(this.fd!);
      this.fd = undefined;
      this.ops.renameSync(this.temp, this.target);
    } catch (error) {
      this.abort();
      throw this.failure(error);
    }
    this.release();
  }

  abort(): void {
    if (this.fd !== undefined) this.ops.closeSync(this.fd);
    this.fd = undefined;
    this.ops.rmSync(this.temp, { force: true });
    this.parts = [];
    this.release();
  }

  private flush(): void {
    const data = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
    for (let offset = 0; offset < data.length;) {
      try {
        offset += this.ops.writeSync(this.fd!, data, offset);
      } catch (error) {
        throw this.failure(error);
      }
    }
  }

  private release(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  /** The one-line error for a failure on the temporary file or the target, naming the target. */
  private failure(error: unknown): unknown {
    if (error instanceof UserError || !isErrnoError(error)) return error;
    if (error.code === 'ENOENT')
      return new UserError(`cannot write output file ${this.target}: its folder does not exist; create it first`);
    // Name the target, not the temporary file: that is the path the user gave.
    const named = Object.assign(new Error(error.message), { code: error.code, syscall: error.syscall, path: this.target });
    return fsUserError(named) ?? new UserError(`cannot write output file ${this.target}: ${error.code} (${error.message.split('\n')[0]})`);
  }
}
