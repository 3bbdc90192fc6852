import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../errors';

/**
 * Replaces `dir` with exactly `files` (relative path -> content), or leaves it untouched on failure:
 * everything is written into a sibling staging folder first, then swapped in by rename
 * (the old folder is moved back if the swap fails). Nothing of the staging folder is left behind.
 */
export function writeDirAtomically(dir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(dir);
  refuseToReplace(target);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  // mkdtemp makes the folder private (0700); the output folder gets the usual mode for a new folder.
  fs.chmodSync(staging, 0o777 & ~process.umask());
  const backup = `${staging}.old`;
  let movedAway = false;
  try {
    for (const [rel, content] of files) {
      const file = path.join(staging, rel);
      if (!file.startsWith(staging + path.sep)) throw new Error(`refusing to write outside the output folder: ${rel}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    if (fs.existsSync(target)) {
      fs.renameSync(target, backup);
      movedAway = true;
    }
    fs.renameSync(staging, target);
  } catch (error) {
    if (movedAway) fs.renameSync(backup, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (movedAway) fs.rmSync(backup, { recursive: true, force: true });
}

/** Files that say a folder is a project, not a synth output: replacing it would delete the project. */
const PROJECT_MARKERS = ['.git', 'package.json', 'cdk8s.yaml'];

function refuseToReplace(target: string): void {
  const cwd = path.resolve('.');
  if (cwd === target || cwd.startsWith(target.endsWith(path.sep) ? target : target + path.sep)) {
    throw new UserError(`refusing to replace ${target}: it holds the working directory; set outdir to a folder of its own, e.g. dist`);
  }
  const marker = PROJECT_MARKERS.find((m) => fs.existsSync(path.join(target, m)));
  if (marker) {
    throw new UserError(
      `refusing to replace ${target}: it holds ${marker}, so it is a project, not a synth output; set outdir to a folder of its own, e.g. dist`,
    );
  }
}
