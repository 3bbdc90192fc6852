import * as path from 'path';

/**
 * Root of everything this package caches (downloaded charts, rendered charts):
 * `CDK8S_ISTIO_CACHE_DIR` when set, else `node_modules/.cache/cdk8s-istio` under the working directory
 * (the usual place for tool caches; `rm -rf node_modules/.cache/cdk8s-istio` clears it).
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CDK8S_ISTIO_CACHE_DIR || path.join('node_modules', '.cache', 'cdk8s-istio'));
}
