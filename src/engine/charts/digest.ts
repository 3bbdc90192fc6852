import { createHash } from 'crypto';
import * as fs from 'fs';
import { UserError } from '../../errors';
import { chartFiles } from './chart-files';

/** sha256 of a regular file, hex. Anything else (a FIFO would block the read forever) is refused. */
export function fileDigest(file: string): string {
  if (!fs.lstatSync(file).isFile()) throw new UserError(`${file} is not a regular file; remove it (charts are files)`);
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * sha256 over a chart: for a directory every file (relative path and content, in sorted order, symlinks
 * inside the chart followed; see chartFiles), for a packaged chart the archive itself. Any edit changes it.
 */
export function chartDigest(chartPath: string): string {
  if (!fs.lstatSync(chartPath).isDirectory()) return fileDigest(chartPath);
  const hash = createHash('sha256');
  for (const { rel, file } of chartFiles(chartPath)) {
    const content = fs.readFileSync(file);
    hash.update(`${rel}\u0000${content.length}\u0000`).update(content);
  }
  return hash.digest('hex');
}

/**
 * Path, size, mtime and ctime of every file of a chart folder (see chartFiles), in sorted order: changes
 * whenever a file is added, removed, renamed or written (ctime moves on every write, even one that restores
 * the mtime). Costs a stat per file, where chartDigest reads them all.
 */
export function folderStamp(dir: string): string {
  return chartFiles(dir)
    .map(({ rel, file }) => {
      const stat = fs.statSync(file);
      return `${rel}\u0000${stat.size}\u0000${stat.mtimeMs}\u0000${stat.ctimeMs}`;
    })
    .join('\n');
}
