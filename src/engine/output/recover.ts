import * as path from 'path';
import { type OutputFs } from './fs-ops';
import { type OutputPaths } from './resolve';

/**
 * The siblings an interrupted write may have left next to the output folder: this writer's `.<name>.new` and
 * `.<name>.old`, and the previous writer's `.<name>.staging-XXXXXX` and `.<name>.staging-XXXXXX.old`.
 * Backups come first, this writer's own first of all: when the output is missing, the first is the old output.
 */
export function leftovers(paths: OutputPaths, ops: OutputFs): { readonly backups: string[]; readonly staging: string[] } {
  const legacy = `.${paths.name}.staging-`;
  const names = ops
    .readdir(paths.parent)
    .map((e) => e.name)
    .filter((n) => n.startsWith(legacy))
    .sort();
  const own = (p: string): string[] => (ops.lstat(p) ? [p] : []);
  const inParent = (n: string): string => path.join(paths.parent, n);
  return {
    backups: [...own(paths.backup), ...names.filter((n) => n.endsWith('.old')).map(inParent)],
    staging: [...own(paths.staging), ...names.filter((n) => !n.endsWith('.old')).map(inParent)],
  };
}

/**
 * Completes or undoes an interrupted write (the caller holds the lock). The output folder is only ever created by a
 * rename of a complete folder, so: when it is missing and a backup exists, the backup is the complete old output and
 * is moved back; any other backup is an old output already replaced, and any staging folder is unfinished or was
 * never swapped in; both are removed. Returns what was done, for one line to the user (empty: nothing to do).
 */
export function recoverSiblings(paths: OutputPaths, ops: OutputFs): string[] {
  const { backups, staging } = leftovers(paths, ops);
  const done: string[] = [];
  if (backups.length > 0 && !ops.lstat(paths.real)) {
    const backup = backups.shift()!;
    ops.rename(backup, paths.real);
    done.push(`restored the previous output from ${path.basename(backup)}`);
  }
  for (const leftover of [...backups, ...staging]) {
    ops.remove(leftover);
    done.push(`removed ${path.basename(leftover)}`);
  }
  return done;
}
