import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runProcess } from '../process/runner';
import { fileDigest } from './digest';
import { type SourceAttempt } from './resolved-chart';

export interface OciSpec {
  readonly ref: string;
  readonly plainHttp: boolean;
  readonly cacheDir: string;
}

/**
 * The archive of `<ref>/<name>` at `version`: from the cache, else `helm pull`ed into it (helm speaks the
 * registry protocol and uses the user's registry login). The digest seen at pull time is recorded and checked
 * on every later use.
 */
export function chartFromOci(spec: OciSpec, name: string, version: string, helm: string): SourceAttempt {
  const ref = `${spec.ref}/${name}`;
  const dir = path.join(spec.cacheDir, createHash('sha256').update(spec.ref).digest('hex').slice(0, 16));
  const archive = path.join(dir, `${name}-${version}.tgz`);
  const record = `${archive}.sha256`;
  const origin = `${ref}:${version} (cached in ${dir})`;

  if (fs.existsSync(archive) && fs.existsSync(record)) {
    const actual = fileDigest(archive);
    if (actual === fs.readFileSync(record, 'utf-8').trim()) return { chart: { name, version, path: archive, digest: actual, origin } };
  }

  fs.mkdirSync(dir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dir, '.pull-'));
  try {
    const args = ['pull', ref, '--version', version, '--destination', staging, ...(spec.plainHttp ? ['--plain-http'] : [])];
    const result = runProcess(helm, args);
    if (result.error || result.status !== 0) {
      const reason = result.error?.message ?? (result.stderr.trim().split('\n').pop() || `helm pull exited with ${result.status}`);
      return { looked: `${ref} version ${version} (${reason.replace(/^Error: /, '')})` };
    }
    const pulled = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!pulled) return { looked: `${ref} version ${version} (helm pull wrote no chart archive)` };
    fs.renameSync(path.join(staging, pulled), archive);
    const digest = fileDigest(archive);
    fs.writeFileSync(record, digest);
    return { chart: { name, version, path: archive, digest, origin } };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
