import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** sha256 of a file, hex. */
export function fileDigest(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * sha256 over a chart: for a directory every file (relative path and content, in sorted order,
 * symlinks followed), for a packaged chart the archive itself. Any edit changes it.
 */
export function chartDigest(chartPath: string): string {
  if (!fs.statSync(chartPath).isDirectory()) return fileDigest(chartPath);
  const hash = createHash('sha256');
  for (const rel of listFiles(chartPath, '')) {
    const content = fs.readFileSync(path.join(chartPath, rel));
    hash.update(`${rel}\u0000${content.length}\u0000`).update(content);
  }
  return hash.digest('hex');
}

/**
 * Path, size, mtime and ctime of every file of a chart folder (symlinks followed), in sorted order: changes
 * whenever a file is added, removed, renamed or written (ctime moves on every write, even one that restores
 * the mtime). Costs a stat per file, where chartDigest reads them all.
 */
export function folderStamp(dir: string): string {
  return listFiles(dir, '')
    .map((rel) => {
      const stat = fs.statSync(path.join(dir, rel));
      return `${rel}\u0000${stat.size}\u0000${stat.mtimeMs}\u0000${stat.ctimeMs}`;
    })
    .join('\n');
}

function listFiles(root: string, rel: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(path.join(root, rel)).sort();
  for (const name of entries) {
    const child = rel ? `${rel}/${name}` : name;
    if (fs.statSync(path.join(root, child)).isDirectory()) out.push(...listFiles(root, child));
    else out.push(child);
  }
  return out;
}
