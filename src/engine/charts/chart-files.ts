import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar';
import { UserError } from '../../errors';
import { entryKind } from '../fs-kind';

/** One file of a chart folder: its path inside the chart ('/'-separated) and the path to read it from. */
export interface ChartFile {
  readonly rel: string;
  readonly file: string;
}

/**
 * Every regular file of a chart folder, depth first, names sorted in each folder. Looks at each entry with
 * lstat before opening anything, because reading a FIFO or a device blocks forever or never ends. Symbolic
 * links are followed (as helm does) only when they resolve inside the chart folder and do not loop; any other
 * link, and anything that is neither a file nor a folder, is refused with one line naming it. A walk of our own:
 * directory-walking libraries either follow every link or none, and none refuses special files before opening.
 */
export function chartFiles(root: string): ChartFile[] {
  const rootReal = fs.realpathSync(root);
  const out: ChartFile[] = [];
  walk(root, rootReal, '', new Set([rootReal]), out);
  return out;
}

function walk(root: string, rootReal: string, rel: string, ancestors: Set<string>, out: ChartFile[]): void {
  for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
    const childRel = rel ? `${rel}/${name}` : name;
    const file = path.join(root, childRel);
    const refuse = (what: string, fix: string): never => {
      throw new UserError(`chart folder ${root}: ${childRel} ${what}; a chart holds regular files and folders only: ${fix}`);
    };
    let stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) {
      let real = '';
      try {
        real = fs.realpathSync(file);
      } catch {
        refuse('is a symbolic link that loops or points to nothing', 'remove it');
      }
      if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
        refuse(`is a symbolic link to ${real}, outside the chart folder`, 'copy the file into the chart instead');
      }
      stat = fs.statSync(real);
    }
    if (stat.isDirectory()) {
      const realDir = fs.realpathSync(file);
      if (ancestors.has(realDir)) refuse('is a symbolic link to a folder that contains it (a loop)', 'remove it');
      walk(root, rootReal, childRel, new Set([...ancestors, realDir]), out);
    } else if (stat.isFile()) {
      out.push({ rel: childRel, file });
    } else {
      refuse(`is ${entryKind(stat)}`, 'remove it');
    }
  }
}

/**
 * Calls `take` with the text of each file of a chart folder or packaged chart whose path inside the chart
 * ('templates/x.yaml') `wanted` accepts (a packaged chart's entries sit under one top folder named after the chart).
 */
export function readChartTexts(chartPath: string, wanted: (rel: string) => boolean, take: (rel: string, text: string) => void): void {
  if (fs.lstatSync(chartPath).isDirectory()) {
    for (const { rel, file } of chartFiles(chartPath)) if (wanted(rel)) take(rel, fs.readFileSync(file, 'utf-8'));
    return;
  }
  tar.t({
    file: chartPath,
    sync: true,
    onReadEntry: (entry) => {
      const rel = entry.path.split('/').slice(1).join('/');
      if (entry.type !== 'File' || !wanted(rel)) return;
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => take(rel, Buffer.concat(chunks).toString('utf-8')));
    },
  });
}

/**
 * Paths of the files inside a chart ('templates/deployment.yaml'): of a folder from the file system, of a
 * packaged chart from the archive's listing (its entries sit under one top folder, named after the chart).
 */
export function chartFilePaths(chartPath: string): Set<string> {
  if (fs.lstatSync(chartPath).isDirectory()) return new Set(chartFiles(chartPath).map((f) => f.rel));
  const paths = new Set<string>();
  tar.t({
    file: chartPath,
    sync: true,
    onReadEntry: (entry) => {
      if (entry.type === 'File') paths.add(entry.path.split('/').slice(1).join('/'));
    },
  });
  return paths;
}
