import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { ChartSource } from '../src/engine/charts/chart-source';
import { chartDigest } from '../src/engine/charts/digest';
const sources = [ChartSource.localDir('/work/scratch/istio-1.30.3/manifests/charts')];
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'timing-'));
function time(label: string, f: () => void) { const t = process.hrtime.bigint(); f(); console.log(label, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1), 'ms'); }
for (const round of ['cold', 'cached', 'cached']) {
  time(`IstioBase ${round}`, () => new IstioBase(new Chart(Testing.app(), 'c'), 'B', { sources, renderCacheDir: cache }));
  time(`Istiod ${round}`, () => new Istiod(new Chart(Testing.app(), 'c'), 'I', { sources, renderCacheDir: cache }));
}
for (const dir of ['base', 'istio-control/istio-discovery']) {
  const d = '/work/scratch/istio-1.30.3/manifests/charts/' + dir; chartDigest(d);
  const n = 50; const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) chartDigest(d);
  console.log(`chartDigest ${dir}`, (Number(process.hrtime.bigint() - t) / 1e6 / n).toFixed(2), 'ms (mean of 50)');
}
fs.rmSync(cache, { recursive: true });
