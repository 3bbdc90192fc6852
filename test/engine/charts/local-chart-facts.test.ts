import * as fs from 'fs';
import * as path from 'path';
import { type LocalChartFacts, localChartFacts } from '../../../src/engine/charts/local-chart-facts';
import { useTempDir } from './test-helpers';

const tmp = useTempDir('chart-facts-test-');

/** A chart folder, the cache folder, and a reader that counts its calls. */
function setup(): { dir: string; cacheDir: string; read: () => LocalChartFacts; reads: () => number } {
  const dir = path.join(tmp(), 'chart');
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'version: 1.0.0\n');
  fs.writeFileSync(path.join(dir, 'templates', 'a.yaml'), 'a');
  let count = 0;
  const read = () => ({ version: `v${++count}`, digest: `d${count}` });
  return { dir, cacheDir: path.join(tmp(), 'cache'), read, reads: () => count };
}

describe('localChartFacts', () => {
  test('reads a folder once and reuses the facts while no file changes', () => {
    const { dir, cacheDir, read, reads } = setup();
    expect(localChartFacts(dir, read, cacheDir)).toEqual({ version: 'v1', digest: 'd1' });
    expect(localChartFacts(dir, read, cacheDir)).toEqual({ version: 'v1', digest: 'd1' });
    expect(reads()).toBe(1);
  });

  test('reads again when a file is written, even with the same size and mtime', () => {
    const { dir, cacheDir, read } = setup();
    localChartFacts(dir, read, cacheDir);
    const file = path.join(dir, 'templates', 'a.yaml');
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, 'b');
    fs.utimesSync(file, atime, mtime);
    expect(localChartFacts(dir, read, cacheDir)).toEqual({ version: 'v2', digest: 'd2' });
  });

  test('reads again when a file is added', () => {
    const { dir, cacheDir, read } = setup();
    localChartFacts(dir, read, cacheDir);
    fs.writeFileSync(path.join(dir, 'templates', 'b.yaml'), 'b');
    expect(localChartFacts(dir, read, cacheDir)).toEqual({ version: 'v2', digest: 'd2' });
  });

  test('keeps a missing version, and reads again over an unreadable entry', () => {
    const { dir, cacheDir } = setup();
    expect(localChartFacts(dir, () => ({ digest: 'd' }), cacheDir)).toEqual({ digest: 'd' });
    expect(localChartFacts(dir, () => ({ version: 'other', digest: 'other' }), cacheDir)).toEqual({ digest: 'd' });
    for (const entry of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, entry), '{"digest": 1');
    expect(localChartFacts(dir, () => ({ version: 'v', digest: 'e' }), cacheDir)).toEqual({ version: 'v', digest: 'e' });
  });
});
