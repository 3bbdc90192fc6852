import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar';
import { chartValueKeys, unreadValuePaths } from '../../../src/engine/charts/chart-values';
import { chartDigest } from '../../../src/engine/charts/digest';
import { type ResolvedChart } from '../../../src/engine/charts/resolved-chart';
import { FIXTURE_CHARTS, fixtureCharts1_29, useTempDir } from './test-helpers';

const tmp = useTempDir('chart-values-');

function chart(dir: string, name = 'base'): ResolvedChart {
  return { name, version: 'test', path: dir, digest: chartDigest(dir), origin: dir };
}

describe('unreadValuePaths', () => {
  test('names a key the older chart lacks and accepts it in the chart that has it', () => {
    const values = { global: { enableReaderRBAC: false, istioNamespace: 'mesh' } };
    expect(unreadValuePaths(chartValueKeys(chart(path.join(fixtureCharts1_29(), 'base'))), values)).toEqual(['global.enableReaderRBAC']);
    expect(unreadValuePaths(chartValueKeys(chart(path.join(FIXTURE_CHARTS, 'base'))), values)).toEqual([]);
  });

  test('a key only a template names (not values.yaml) is read', () => {
    const keys = chartValueKeys(chart(path.join(fixtureCharts1_29(), 'base')));
    expect(keys.tree.base).not.toHaveProperty('validationFailurePolicy');
    expect(unreadValuePaths(keys, { base: { validationFailurePolicy: 'Fail' } })).toEqual([]);
  });

  test('keys under free-form maps and empty maps are read; unknown ones beside them are not', () => {
    const keys = chartValueKeys(chart(path.join(fixtureCharts1_29(), 'istio-control', 'istio-discovery'), 'istiod'));
    const values = { meshConfig: { anyField: 1 }, env: { A: 'b' }, resources: { limits: { cpu: 1 } }, global: { proxy: { noSuchKey: 1 } } };
    expect(unreadValuePaths(keys, values)).toEqual(['global.proxy.noSuchKey']);
  });

  test('a packaged chart is read from its archive', () => {
    const archive = path.join(tmp(), 'base-1.29.6.tgz');
    tar.c({ gzip: true, file: archive, cwd: fixtureCharts1_29(), sync: true }, ['base']);
    const keys = chartValueKeys({
      name: 'base',
      version: '1.29.6',
      path: archive,
      digest: `archive-${fs.statSync(archive).size}`,
      origin: archive,
    });
    expect(unreadValuePaths(keys, { global: { enableReaderRBAC: true }, base: { validationFailurePolicy: 'Fail' } })).toEqual([
      'global.enableReaderRBAC',
    ]);
  });
});
