/**
 * Manual check (not a test): istiod and base of two Istio releases, each from its own chart folder, equal
 * `helm template` of that chart with the same values (see control-plane-equality.ts for the comparison).
 *
 *   npm run build && node lib/bench/versions-side-by-side.js <istio-1.29.x>/manifests/charts <istio-1.30.3>/manifests/charts [1.29.x]
 *
 * Exits non-zero when anything differs beyond the listed normalizations.
 */
import * as path from 'path';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { type Case, runCases } from './control-plane-equality';

function istiodCase(version: string, charts: string): Case {
  const revision = version.replace(/\./g, '-');
  return {
    name: `istiod ${version} revision=${revision}`,
    chartDir: path.join(charts, 'istio-control', 'istio-discovery'),
    release: `istiod-${revision}`,
    helmArgs: ['--set', 'global.hub=docker.io/istio', '--set', `global.tag=${version}`, '--set', `revision=${revision}`],
    build: (chart, sources, cacheDir) =>
      new Istiod(chart, 'Istiod', {
        sources,
        version,
        revision,
        releaseName: `istiod-${revision}`,
        renderCacheDir: cacheDir,
        createNamespace: false,
      }),
  };
}

function baseCase(version: string, charts: string, defaultRevision: string): Case {
  return {
    name: `base ${version} defaultRevision=${defaultRevision}`,
    chartDir: path.join(charts, 'base'),
    release: 'istio-base',
    helmArgs: ['--set', `defaultRevision=${defaultRevision}`],
    build: (chart, sources, cacheDir) =>
      new IstioBase(chart, 'Base', { sources, version, renderCacheDir: cacheDir, createNamespace: false, values: { defaultRevision } }),
  };
}

function main(): void {
  const [older, newer, olderVersion = '1.29.6'] = process.argv.slice(2);
  if (!older || !newer) throw new Error('usage: versions-side-by-side <1.29.x manifests/charts> <1.30.3 manifests/charts> [1.29.x]');
  const referenceDir = path.join(process.cwd(), '..', 'shared', 'reference', 'istio-1.30.3');
  const start = Date.now();
  const olderFailed = runCases(
    [istiodCase(olderVersion, older), baseCase(olderVersion, older, olderVersion.replace(/\./g, '-'))],
    older,
    referenceDir,
  );
  const newerFailed = runCases([istiodCase('1.30.3', newer), baseCase('1.30.3', newer, '1-30-3')], newer, referenceDir);
  console.log(`both releases checked in ${Date.now() - start} ms`);
  process.exitCode = olderFailed || newerFailed ? 1 : 0;
}

main();
