import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runProcess } from '../process/runner';
import { cachedArchive, recordDigest } from './cached-archive';
import { checkChartVersion } from './chart-version';
import { fileDigest } from './digest';
import { DEFAULT_HELM_TIMEOUT_MS, helmErrorLine, helmTimedOut } from './helm-process';
import { redactUrl, redactUrls } from './redact-url';
import { type SourceAttempt } from './resolved-chart';
import { removeAbandoned, tempName } from './temp-files';

export interface OciSpec {
  readonly ref: string;
  readonly plainHttp: boolean;
  readonly cacheDir: string;
}

/**
 * The archive of `<ref>/<name>` at `version`: from the cache, else `helm pull`ed into it (helm speaks the
 * registry protocol and uses the user's registry login). The digest seen at pull time is recorded and checked
 * on every later use; a cached archive without that record is pulled again. `helm pull` is killed after
 * `timeoutMs`: a registry that accepts the connection and never answers would hold it forever.
 */
export function chartFromOci(
  spec: OciSpec,
  name: string,
  version: string,
  helm: string,
  timeoutMs = DEFAULT_HELM_TIMEOUT_MS,
): SourceAttempt {
  checkChartVersion(version);
  const ref = `${spec.ref}/${name}`;
  const shownRef = redactUrl(ref);
  const dir = path.join(spec.cacheDir, createHash('sha256').update(spec.ref).digest('hex').slice(0, 16));
  const archive = path.join(dir, `${name}-${version}.tgz`);
  const origin = `${shownRef}:${version} (cached in ${dir})`;

  const cached = cachedArchive(archive, undefined, 'pulled again while the registry can be reached');
  if ('digest' in cached) return { chart: { name, version, path: archive, digest: cached.digest, origin } };
  const { distrust } = cached;

  fs.mkdirSync(dir, { recursive: true });
  removeAbandoned(dir);
  const staging = path.join(dir, tempName('pull'));
  fs.mkdirSync(staging);
  try {
    const args = ['pull', ref, '--version', version, '--destination', staging, ...(spec.plainHttp ? ['--plain-http'] : [])];
    const result = runProcess(helm, args, { timeoutMs });
    if (result.timedOut) return { looked: `${shownRef} version ${version} (${helmTimedOut('helm pull', timeoutMs)})${distrust}` };
    if (result.error || result.status !== 0) {
      const reason = result.error?.message ?? helmErrorLine(result.stderr) ?? `helm pull exited with ${result.status}`;
      return { looked: `${shownRef} version ${version} (${redactUrls(reason)})${distrust}` };
    }
    const pulled = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!pulled) return { looked: `${shownRef} version ${version} (helm pull wrote no chart archive)` };
    fs.renameSync(path.join(staging, pulled), archive);
    const digest = fileDigest(archive);
    recordDigest(archive, digest);
    return { chart: { name, version, path: archive, digest, origin } };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
