/**
 * The CLI's inputs, read safely: only regular files are opened (a FIFO, socket or device would block or never end),
 * every file-system failure becomes one line naming the path, and input over a size cap ends in one line too.
 * Text arrives in chunks, so a caller that streams (split.ts) holds one piece at a time, never the whole input.
 * Hand-written because Node's fs.createReadStream opens a FIFO blocking, before any check could refuse it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { StringDecoder } from 'string_decoder';
import { fileError, sizeText } from './errors';
import { UserError } from '../errors';
import { entryKind } from '../engine/fs-kind';

/** Bytes per read: large enough for few system calls, small next to any memory budget. */
const READ_BYTES = 1024 * 1024;

export type Warn = (line: string) => void;

/** What kind of non-regular file a stat shows, for messages; undefined for a regular file. */
export function specialKind(stat: fs.Stats): string | undefined {
  return stat.isFile() ? undefined : entryKind(stat);
}

/** Stats a path named on the command line (following links); a failure is one line. */
export function statPath(file: string, what: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw fileError(error, file, what) ?? error;
  }
}

/** Refuses a path named directly that is no regular file, before anything opens it. */
export function requireRegularFile(file: string, what: string, stat = statPath(file, what)): void {
  const kind = specialKind(stat);
  if (kind === undefined) return;
  const hint = stat.isDirectory() ? 'name a file' : 'name a regular file, or pipe the data to standard input with -';
  throw new UserError(`cannot read ${what} ${file}: it is ${kind}: ${hint}`);
}

/**
 * The YAML files of one input: the file itself, or the *.yaml and *.yml files under a folder (recursively, sorted,
 * so output does not depend on the file system; entries starting with a dot are skipped, links to folders are not
 * followed). A special file or a dangling link in a folder is skipped with a warning, never opened.
 */
export function yamlFiles(input: string, warn: Warn, what = 'input'): string[] {
  const stat = statPath(input, what);
  if (!stat.isDirectory()) {
    requireRegularFile(input, what, stat);
    return [input];
  }
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw fileError(error, dir, 'input folder') ?? error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // .git, .github and the like hold no manifests
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name) && isReadableFile(full, entry, warn)) files.push(full);
    }
  };
  walk(input);
  return files;
}

function isReadableFile(file: string, entry: fs.Dirent, warn: Warn): boolean {
  if (entry.isFile()) return true;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file); // a link: what it points to decides
  } catch (error) {
    warn(`skipped ${file}: ${fileError(error, file, 'link')?.message ?? String(error)}`);
    return false;
  }
  if (stat.isDirectory()) return false; // links to folders are not followed (no cycles)
  const kind = specialKind(stat);
  if (kind !== undefined) warn(`skipped ${file}: it is ${kind}, not a regular file`);
  return kind === undefined;
}

/**
 * A small file read whole (values, mesh config): opened without blocking and checked after opening like
 * readFileChunks, and refused over `maxBytes`.
 */
export function readSmallFile(file: string, what: string, maxBytes: number): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    requireRegularFile(file, what, stat);
    if (stat.size > maxBytes)
      throw new UserError(`${what} ${file} is over ${sizeText(maxBytes)}: name the file of settings, not a manifest`);
    return fs.readFileSync(fd, 'utf8');
  } catch (error) {
    throw fileError(error, file, what) ?? error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface ReadOptions {
  /** What the message calls the file. */
  readonly what: string;
  /** More bytes end the read with one line: the message `tooLarge` gives for the file. @default - no cap */
  readonly maxBytes?: number;
  readonly tooLarge?: (file: string) => string;
  /** Told the size of every read, e.g. to cap several inputs together. */
  readonly onBytes?: (bytes: number) => void;
}

/**
 * The text of a regular file in chunks. Opened without blocking and checked again after opening, so a file
 * swapped for a FIFO between the check and the open is refused too.
 */
export async function* readFileChunks(file: string, options: ReadOptions): AsyncGenerator<string> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    const opened = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    handle = opened;
    const stat = await opened.stat();
    requireRegularFile(file, options.what, stat);
    if (stat.size > (options.maxBytes ?? Infinity)) throw tooLarge(file, options);
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const reads = async function* (): AsyncGenerator<Buffer> {
      for (;;) {
        const { bytesRead } = await opened.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    };
    yield* decode(reads(), file, options);
  } catch (error) {
    throw fileError(error, file, options.what) ?? error;
  } finally {
    await handle?.close();
  }
}

/** Standard input as text chunks, with the same cap. */
export function readStdinChunks(options: ReadOptions): AsyncGenerator<string> {
  return decode(process.stdin as AsyncIterable<Buffer | string>, '<stdin>', options);
}

async function* decode(bytes: AsyncIterable<Buffer | string>, file: string, options: ReadOptions): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let total = 0;
  for await (const chunk of bytes) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    options.onBytes?.(buffer.length);
    if (total > (options.maxBytes ?? Infinity)) throw tooLarge(file, options);
    const text = decoder.write(buffer);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

function tooLarge(file: string, options: ReadOptions): UserError {
  return new UserError(options.tooLarge?.(file) ?? `${options.what} ${file} is over ${sizeText(options.maxBytes ?? 0)}`);
}
