import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { isRecord } from '../k8s/object';
import { OFFICIAL_REPOSITORY_URL } from './chart-source';
import { fileDigest } from './digest';
import { download } from './download';
import { type SourceAttempt } from './resolved-chart';

/**
 * sha256 of the official archives, keyed `<chart>-<version>`, checked on download and on every later use.
 * Empty on purpose: they were written while the repository could not be reached, and a digest copied
 * from memory would be worse than none. Fill each from the `digest` field of the chart's entry in
 * https://istio-release.storage.googleapis.com/charts/index.yaml. Until then a download is checked
 * against that index entry (catches corruption, not a compromised server) and the digest it had is
 * recorded next to the cached archive, so a cached chart can never change silently afterwards.
 */
export const PINNED_CHART_DIGESTS: Readonly<Record<string, string>> = {};

export interface RepositorySpec {
  readonly url: string;
  readonly cacheDir: string;
  readonly digests: Readonly<Record<string, string>>;
}

/** The archive of `name` at `version` from a Helm repository: from the cache, else downloaded into it. */
export function chartFromRepository(spec: RepositorySpec, name: string, version: string): SourceAttempt {
  const key = `${name}-${version}`;
  const dir = path.join(spec.cacheDir, createHash('sha256').update(spec.url).digest('hex').slice(0, 16));
  const archive = path.join(dir, `${key}.tgz`);
  const record = `${archive}.sha256`;
  const pinned = spec.digests[key] ?? (spec.url === OFFICIAL_REPOSITORY_URL ? PINNED_CHART_DIGESTS[key] : undefined);
  const origin = `${spec.url} (${key}.tgz, cached in ${dir})`;

  if (fs.existsSync(archive)) {
    const actual = fileDigest(archive);
    const expected = pinned ?? readIfExists(record);
    if (!expected || actual === expected) return { chart: { name, version, path: archive, digest: actual, origin } };
    // A cached archive that changed is not trusted; fetch it again.
    fs.rmSync(archive, { force: true });
  }

  fs.mkdirSync(dir, { recursive: true });
  const index = path.join(dir, `index.${process.pid}.yaml`);
  try {
    const failed = download(`${spec.url}/index.yaml`, index);
    if (failed) return { looked: `${spec.url}/index.yaml (${failed})` };
    const entry = findEntry(fs.readFileSync(index, 'utf-8'), name, version);
    if (typeof entry === 'string') return { looked: `${spec.url}/index.yaml (${entry})` };
    const archiveUrl = new URL(entry.url, `${spec.url}/`).toString();
    const part = `${archive}.${process.pid}.download`;
    const failedArchive = download(archiveUrl, part);
    if (failedArchive) return { looked: `${archiveUrl} (${failedArchive})` };
    const actual = fileDigest(part);
    for (const [what, expected] of [
      ['the repository index', entry.digest],
      ['the pinned digest', pinned],
    ] as const) {
      if (expected && expected !== actual) {
        fs.rmSync(part, { force: true });
        return { looked: `${archiveUrl} (sha256 ${actual} does not match ${what}: ${expected}; refusing to use it)` };
      }
    }
    fs.renameSync(part, archive);
    fs.writeFileSync(record, actual);
    return { chart: { name, version, path: archive, digest: actual, origin } };
  } finally {
    fs.rmSync(index, { force: true });
  }
}

function findEntry(text: string, name: string, version: string): { url: string; digest?: string } | string {
  let index: unknown;
  try {
    // failsafe: every scalar stays a string, so an all-digit digest or a version like 1.30 is not read as a number.
    index = parse(text, { schema: 'failsafe' });
  } catch {
    return 'not a valid index.yaml';
  }
  const entries = isRecord(index) && isRecord(index.entries) ? index.entries[name] : undefined;
  if (!Array.isArray(entries)) return `no chart named '${name}'`;
  const entry = entries.find((e) => isRecord(e) && String(e.version) === version);
  if (!entry) return `no version ${version} of '${name}'`;
  const url = Array.isArray(entry.urls) ? entry.urls[0] : undefined;
  if (typeof url !== 'string') return `entry ${name} ${version} has no download url`;
  return { url, digest: typeof entry.digest === 'string' ? entry.digest : undefined };
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf-8').trim() : undefined;
}
