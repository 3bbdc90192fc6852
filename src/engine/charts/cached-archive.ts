/**
 * A fetched chart archive in the cache and the sha256 recorded next to it (`<archive>.sha256`) when it was fetched:
 * what the repository and OCI sources share, so a cached archive can never change silently afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileDigest } from './digest';

/** The cached archive's digest when it can be used, else why not (`distrust`: '' when there is no archive). */
export type CachedArchive = { readonly digest: string } | { readonly distrust: string };

/**
 * Checks `archive` against `pinned`, else the digest recorded when it was fetched. `distrust` is a message tail
 * (`; the cached ...`) for the error should fetching it again fail too; `fetchedAgain` ends it, e.g. 'pulled again
 * while the registry can be reached'.
 */
export function cachedArchive(archive: string, pinned: string | undefined, fetchedAgain: string): CachedArchive {
  if (!fs.existsSync(archive)) return { distrust: '' };
  const actual = fileDigest(archive);
  const record = recordFile(archive);
  const expected = pinned ?? (fs.existsSync(record) ? fs.readFileSync(record, 'utf-8').trim() : undefined);
  if (actual === expected) return { digest: actual };
  if (expected) {
    return {
      distrust: `; the cached ${archive} has sha256 ${actual}, not the ${pinned ? 'pinned' : 'recorded'} ${expected}, so it is not used`,
    };
  }
  return {
    distrust:
      `; the cached ${archive} has no digest record (${path.basename(record)}), so it is not trusted: ` +
      `delete it, or let it be ${fetchedAgain}`,
  };
}

/** Records the digest of an archive just fetched into the cache. */
export function recordDigest(archive: string, digest: string): void {
  fs.writeFileSync(recordFile(archive), digest);
}

function recordFile(archive: string): string {
  return `${archive}.sha256`;
}
