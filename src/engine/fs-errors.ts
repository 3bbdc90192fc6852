import { UserError } from '../errors';

/** What an errno a user can cause (a full disk, a read-only mount, a bad path) means, and the usual fix. */
const PROBLEMS: Readonly<Record<string, { readonly problem: string; readonly fix: string }>> = {
  ENOSPC: { problem: 'no space left on device', fix: 'free space' },
  EDQUOT: { problem: 'disk quota exceeded', fix: 'free space' },
  EROFS: { problem: 'read-only file system', fix: 'make it writable' },
  EACCES: { problem: 'permission denied', fix: 'fix its permissions' },
  EPERM: { problem: 'operation not permitted', fix: 'fix its permissions' },
  EEXIST: { problem: 'already exists', fix: 'move it out of the way' },
  ELOOP: { problem: 'too many levels of symbolic links', fix: 'fix the symlink loop' },
  EISDIR: { problem: 'a folder is in the way', fix: 'move that folder out of the way' },
  ENOTDIR: { problem: 'a part of the path is not a folder', fix: 'move the file in the way' },
  ENAMETOOLONG: { problem: 'file name too long', fix: 'use a shorter path' },
  EMFILE: { problem: 'too many open files', fix: 'raise the open-file limit (ulimit -n)' },
  ENFILE: { problem: 'too many open files in the system', fix: 'close other programs' },
  EBUSY: { problem: 'resource busy (a mount point?)', fix: 'use a folder that is not a mount point' },
};

/** How a system call reads in a message. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: 'opening',
  write: 'writing',
  mkdir: 'creating',
  rename: 'moving',
  unlink: 'removing',
  rmdir: 'removing',
  rm: 'removing',
  scandir: 'reading',
  read: 'reading',
  lstat: 'reading',
  stat: 'reading',
  readlink: 'reading',
  realpath: 'resolving',
  chmod: 'changing the mode of',
};

/**
 * True for the errors Node's fs functions throw (they carry an errno `code`). By shape, not `instanceof Error`:
 * Node's errors come from another realm under test runners such as jest.
 */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && 'message' in error;
}

/**
 * The one-line UserError for a file-system failure a user can cause, naming the path and the fix, e.g.
 * "no space left on device writing dist/a.yaml: free space, or set outdir elsewhere"; undefined for any other error
 * (a bug, or a failure the user cannot fix), which callers rethrow as it is.
 * `path` names the file when the error does not (Node's write errors carry no path); `alternative` is the
 * caller's way out ("set outdir elsewhere").
 */
export function fsUserError(
  error: unknown,
  options: { readonly path?: string; readonly alternative?: string } = {},
): UserError | undefined {
  if (!isErrnoError(error) || error.code === undefined) return undefined;
  const known = PROBLEMS[error.code];
  if (!known) return undefined;
  const where = error.path ?? options.path;
  // Node sets `dest` on rename and link errors; its type does not declare it.
  const dest = (error as { dest?: unknown }).dest;
  const action = (error.syscall && ACTIONS[error.syscall]) ?? 'at';
  const target = where === undefined ? '' : ` ${action} ${where}${typeof dest === 'string' ? ` to ${dest}` : ''}`;
  const fix = options.alternative ? `${known.fix}, or ${options.alternative}` : known.fix;
  return new UserError(`${known.problem}${target}: ${fix}`);
}
