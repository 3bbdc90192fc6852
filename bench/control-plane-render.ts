/**
 * What the control plane costs per synth: hashing the chart folders (done every time, for the render cache key)
 * and building IstioBase + Istiod cold (helm runs) versus from the render cache (no process).
 * Needs the real charts: ISTIO_CHARTS_DIR=<release>/manifests/charts. Run alone with
 * `npm run build && node lib/bench/control-plane-render.js`, or call runControlPlaneBench() from a driver.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { ChartSource, LOCAL_CHART_PATHS } from '../src/engine/charts/chart-source';
import { chartDigest } from '../src/engine/charts/digest';
import { median } from './child';

export interface ControlPlaneBenchResult {
  /** Median ms to hash each chart folder. */
  readonly digestMs: { readonly base: number; readonly istiod: number };
  /** ms to build both constructs with an empty render cache (two helm runs). */
  readonly coldMs: number;
  /** Median ms to build both constructs again with nothing changed (no process). */
  readonly cachedMs: number;
}

export function runControlPlaneBench(chartsDir: string, runs = 5): ControlPlaneBenchResult {
  const sources = [ChartSource.localDir(chartsDir)];
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'control-plane-bench-'));
  const build = () => {
    const chart = new Chart(Testing.app(), 'c');
    new IstioBase(chart, 'Base', { sources, renderCacheDir: cacheDir });
    new Istiod(chart, 'Istiod', { sources, renderCacheDir: cacheDir });
  };
  try {
    const digest = (name: 'base' | 'istiod') => median(times(() => chartDigest(path.join(chartsDir, LOCAL_CHART_PATHS[name])), runs));
    const coldMs = times(build, 1)[0];
    return { digestMs: { base: digest('base'), istiod: digest('istiod') }, coldMs, cachedMs: median(times(build, runs)) };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

function times(f: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    f();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

if (require.main === module) {
  const dir = process.env.ISTIO_CHARTS_DIR;
  if (!dir) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  console.log(JSON.stringify(runControlPlaneBench(dir), null, 2));
}
