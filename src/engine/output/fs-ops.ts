import * as fs from 'fs';
import { isErrnoError } from '../fs-errors';

/**
 * Every file-system operation the output writer performs, so tests can swap them (see `setOutputFs`) to count the
 * steps of a write, fail any one of them, or kill the process at one. Each operation names its path in errors
 * (Node's write errors carry none), so a failure can be reported as one line.
 */
export interface OutputFs {
  /** The entry itself (a symlink is not followed); undefined when nothing is there. */
  lstat(path: string): fs.Stats | undefined;
  /** The entries of a folder, symlinks not followed. */
  readdir(path: string): fs.Dirent[];
  readFile(path: string): string;
  readlink(path: string): string;
  realpath(path: string): string;
  /** Creates one folder (mode 0777 & ~umask, like any new folder), or with `recursive` its missing parents too. */
  mkdir(path: string, recursive?: boolean): void;
  writeFile(path: string, content: string): void;
  /** Creates a file that must not exist yet (O_EXCL), with its content; throws EEXIST when it does. */
  createExclusive(path: string, content: string): void;
  rename(from: string, to: string): void;
  /** Removes a file or a whole folder; nothing there is fine. */
  remove(path: string): void;
}

function named<T>(path: string, op: () => T): T {
  try {
    return op();
  } catch (error) {
    if (isErrnoError(error) && error.path === undefined) error.path = path;
    throw error;
  }
}

/** The real file system. */
export const nodeOutputFs: OutputFs = {
  lstat: (p) => fs.lstatSync(p, { throwIfNoEntry: false }),
  readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
  readFile: (p) => fs.readFileSync(p, 'utf-8'),
  readlink: (p) => fs.readlinkSync(p),
  realpath: (p) => fs.realpathSync.native(p),
  mkdir: (p, recursive = false) => {
    fs.mkdirSync(p, { recursive });
  },
  writeFile: (p, content) => named(p, () => fs.writeFileSync(p, content)),
  createExclusive: (p, content) => named(p, () => fs.writeFileSync(p, content, { flag: 'wx' })),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (p) => named(p, () => fs.rmSync(p, { recursive: true, force: true })),
};

let current: OutputFs = nodeOutputFs;

/** The operations in use. */
export function outputFs(): OutputFs {
  return current;
}

/** Replaces the operations (for tests); returns a function that restores the previous ones. */
export function setOutputFs(ops: OutputFs): () => void {
  const previous = current;
  current = ops;
  return () => {
    current = previous;
  };
}
