import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cacheRoot } from './cache-dir';
import { folderStamp } from './digest';

/** Bump when what is stored changes meaning, so old entries are never read. */
const FORMAT = 'chart-facts-v1';

/** What resolving a local chart folder needs to know of it. */
export interface LocalChartFacts {
  /** The version of its Chart.yaml; undefined when that is not valid YAML with a version. */
  readonly version?: string;
  /** chartDigest of the folder. */
  readonly digest: string;
}

/** Default folder of stored facts: `<cache root>/chart-facts` (see cacheRoot). */
export function defaultChartFactsDir(): string {
  return path.join(cacheRoot(), 'chart-facts');
}

/**
 * The facts of a chart folder, from `read` the first time and from `cacheDir` while no file of the folder
 * changed (see folderStamp): reading every file of the base and istiod charts and parsing their Chart.yaml
 * costs ~25 ms per synth, a stat of each file a few ms. An unreadable entry counts as missing.
 */
export function localChartFacts(dir: string, read: () => LocalChartFacts, cacheDir: string = defaultChartFactsDir()): LocalChartFacts {
  const key = createHash('sha256')
    .update(`${FORMAT}\u0000${path.resolve(dir)}\u0000${folderStamp(dir)}`)
    .digest('hex');
  const file = path.join(cacheDir, `${key}.json`);
  const stored = readFacts(file);
  if (stored) return stored;
  const facts = read();
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written to a temp file and renamed, so readers never see half a file.
  const tmp = path.join(cacheDir, `.${key}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(facts));
  fs.renameSync(tmp, file);
  return facts;
}

function readFacts(file: string): LocalChartFacts | undefined {
  try {
    const stored: unknown = JSON.parse(fs.readFileSync(file, 'utf-8'));
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { version, digest } = stored as Record<string, unknown>;
    if (typeof digest !== 'string' || (version !== undefined && typeof version !== 'string')) return undefined;
    return { version, digest };
  } catch {
    return undefined;
  }
}
