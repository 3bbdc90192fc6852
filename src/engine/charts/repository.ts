import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { isRecord } from '../k8s/object';
import { cachedArchive, recordDigest } from './cached-archive';
import { checkChartVersion } from './chart-version';
import { fileDigest } from './digest';
import { download } from './download';
import { redactUrl } from './redact-url';
import { type SourceAttempt } from './resolved-chart';
import { removeAbandoned, tempName } from './temp-files';

export interface RepositorySpec {
  readonly url: string;
  readonly cacheDir: string;
  readonly digests: Readonly<Record<string, string>>;
}

/**
 * The archive of `name` at `version` from a Helm repository: from the cache when its digest matches the pinned
 * one or the one recorded at download, else downloaded into it. A cached archive with neither is not trusted.
 */
export function chartFromRepository(spec: RepositorySpec, name: string, version: string): SourceAttempt {
  checkChartVersion(version);
  const key = `${name}-${version}`;
  const shownUrl = redactUrl(spec.url);
  const dir = path.join(spec.cacheDir, createHash('sha256').update(spec.url).digest('hex').slice(0, 16));
  const archive = path.join(dir, `${key}.tgz`);
  // A download is checked against the repository index's digest (catches corruption) and the user's pin (catches a
  // compromised server); the digest it had is recorded, so a cached archive can never change silently afterwards.
  const pinned = spec.digests[key];
  const origin = `${shownUrl} (${key}.tgz, cached in ${dir})`;

  const cached = cachedArchive(archive, pinned, 'downloaded again while the repository can be reached');
  if ('digest' in cached) return { chart: { name, version, path: archive, digest: cached.digest, origin } };
  const { distrust } = cached;

  fs.mkdirSync(dir, { recursive: true });
  removeAbandoned(dir);
  const index = path.join(dir, tempName('index'));
  const part = path.join(dir, tempName(key));
  try {
    const failed = download(`${spec.url}/index.yaml`, index);
    if (failed) return { looked: `${shownUrl}/index.yaml (${failed})${distrust}` };
    const entry = findEntry(fs.readFileSync(index, 'utf-8'), name, version);
    if (typeof entry === 'string') return { looked: `${shownUrl}/index.yaml (${entry})${distrust}` };
    const archiveUrl = new URL(entry.url, `${spec.url}/`).toString();
    const failedArchive = download(archiveUrl, part);
    if (failedArchive) return { looked: `${redactUrl(archiveUrl)} (${failedArchive})${distrust}` };
    const actual = fileDigest(part);
    for (const [what, expected] of [
      ['the repository index', entry.digest],
      ['the pinned digest', pinned],
    ] as const) {
      if (expected && expected !== actual) {
        return { looked: `${redactUrl(archiveUrl)} (sha256 ${actual} does not match ${what}: ${expected}; refusing to use it)` };
      }
    }
    fs.renameSync(part, archive);
    recordDigest(archive, actual);
    return { chart: { name, version, path: archive, digest: actual, origin } };
  } finally {
    fs.rmSync(index, { force: true });
    fs.rmSync(part, { force: true });
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
