import * as fs from 'fs';
import * as path from 'path';

/**
 * This package's version, from its package.json: the nearest one above this file named cdk8s-istio (the compiled
 * CLI runs from lib/src/cli, the sources from src/cli). 'unknown' when none is found.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf-8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cdk8s-istio' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here, or not one we can read: look further up.
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
