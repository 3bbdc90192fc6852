import * as path from 'path';
import { UserError } from '../../errors';
import { type OutputFs } from './fs-ops';

/** Where an output folder really is, and the fixed names next to it that the writer uses. */
export interface OutputPaths {
  /** The folder as the user named it (absolute). */
  readonly requested: string;
  /** The folder synth replaces: `requested` with every symlink resolved (it may not exist yet). */
  readonly real: string;
  /** Set when `requested` is a symlink (or a chain of them) to `real`. */
  readonly viaSymlink: boolean;
  /** The real folder that holds `real` and its siblings. */
  readonly parent: string;
  readonly name: string;
  /** `.<name>.lock`: held while a synth recovers or writes. */
  readonly lock: string;
  /** `.<name>.new`: the next output, written in full before it is swapped in. */
  readonly staging: string;
  /** `.<name>.old`: the previous output while the new one is swapped in. */
  readonly backup: string;
}

/** The kernel's own limit on symlinks followed in one path lookup (Linux MAXSYMLINKS). */
const MAX_SYMLINKS = 40;

/**
 * Resolves `dir` through symlinks, so a symlinked output (`dist -> ../gitops/apps/mesh`) is replaced at its real
 * place, with its siblings on the same file system, and the symlink stays. A dangling symlink resolves to where its
 * target would be. When the folder that would hold the output does not exist, returns undefined, or with
 * `createParent` creates it (refusing when `dir` is a symlink: its target is the user's to create).
 */
export function resolveOutput(dir: string, ops: OutputFs, options: { readonly createParent: boolean }): OutputPaths | undefined {
  const requested = path.resolve(dir);
  let at = requested;
  let viaSymlink = false;
  for (let hops = 0; ops.lstat(at)?.isSymbolicLink(); hops++) {
    if (hops === MAX_SYMLINKS) {
      throw new UserError(`refusing to write ${requested}: it is a symlink loop; point it at a folder, or set outdir elsewhere`);
    }
    at = path.resolve(ops.realpath(path.dirname(at)), ops.readlink(at));
    viaSymlink = true;
  }
  const name = path.basename(at);
  if (name === '' || at === path.dirname(at)) {
    throw new UserError(`refusing to replace ${at}: it is the root folder; set outdir to a folder of its own, e.g. dist`);
  }
  const folder = path.dirname(at);
  if (!ops.lstat(folder)) {
    if (!options.createParent) return undefined;
    if (viaSymlink) {
      throw new UserError(
        `refusing to write ${requested}: it is a symlink to ${at}, whose folder does not exist; create ${folder}, or set outdir elsewhere`,
      );
    }
    ops.mkdir(folder, true);
  }
  const parent = ops.realpath(folder);
  const sibling = (suffix: string): string => path.join(parent, `.${name}.${suffix}`);
  return {
    requested,
    real: path.join(parent, name),
    viaSymlink,
    parent,
    name,
    lock: sibling('lock'),
    staging: sibling('new'),
    backup: sibling('old'),
  };
}
