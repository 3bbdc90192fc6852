// Hostile input through the library's control-plane constructs: values that would smuggle objects into a render,
// values that break the chart's maps, versions that climb out of the cache, credentials in a repository URL.
// Each case asserts the one-line error (per failing construct) and that nothing outside the caches was written.
import { Chart } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { ChartSource, IstioBase, Istiod, MeshApp } from '../../src';
import { expectUntouchedOutside, useSandbox } from './sandbox';

const sandbox = useSandbox();

const SMUGGLED = [
  'regcred',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: ClusterRoleBinding',
  'metadata: { name: owned }',
  'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }',
  'subjects: [{ kind: ServiceAccount, name: default, namespace: default }]',
].join('\n');

/** Synthesizes an app built by `build` and returns the one-line failures (throws if synth succeeds). */
function synthFailures(build: (chart: Chart) => void): string[] {
  const box = sandbox();
  const app = new MeshApp({ outdir: box.out });
  build(new Chart(app, 'control-plane'));
  let message = '';
  expectUntouchedOutside(box, [], () => {
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
  });
  expect(message).not.toBe('');
  expect(fs.existsSync(box.out)).toBe(false);
  const [header, ...lines] = message.split('\n');
  expect(header).toMatch(/^synth failed: \d+ invalid inputs?:$/);
  return lines.map((l) => l.trim());
}

describe('object smuggling', () => {
  test('a document separator in a value the chart prints unquoted never reaches helm', () => {
    const failures = synthFailures((chart) => {
      new IstioBase(chart, 'Base');
      new Istiod(chart, 'Istiod', { values: { global: { imagePullSecrets: [SMUGGLED] } } });
    });
    expect(failures).toEqual([
      expect.stringMatching(/^\[control-plane\/Istiod\] values\.global\.imagePullSecrets\[0\] .*control character/),
    ]);
  });

  test('the same through extraValues', () => {
    const failures = synthFailures((chart) => {
      new Istiod(chart, 'Istiod', { createNamespace: true, extraValues: { global: { imagePullSecrets: [SMUGGLED] } } });
    });
    expect(failures).toEqual([expect.stringMatching(/imagePullSecrets\[0\].*control character/)]);
  });
});

describe('values that break the chart', () => {
  test('extraValues replacing the global map with a scalar is refused, naming the key', () => {
    const failures = synthFailures((chart) => new Istiod(chart, 'Istiod', { extraValues: { global: 1 } }));
    expect(failures).toEqual([expect.stringMatching(/^\[control-plane\/Istiod\] .*values\.global is 1: must be a map/)]);
  });
});

describe('chart versions and sources', () => {
  test('a version that climbs out of the cache is refused before it names a path', () => {
    const box = sandbox();
    const repo = ChartSource.repository({ url: 'http://127.0.0.1:9/charts', cacheDir: path.join(box.cache, 'charts') });
    const failures = synthFailures((chart) => new IstioBase(chart, 'Base', { version: '../../../../tmp/x', sources: [repo] }));
    expect(failures).toEqual([expect.stringMatching(/version .*\.\.\/.* (is not|not a)/)]);
    expect(fs.existsSync(path.join(box.root, '..', 'tmp', 'x'))).toBe(false);
  });

  test('credentials in a repository URL are never printed', () => {
    const box = sandbox();
    const repo = ChartSource.repository({ url: 'http://alice:s3cret@127.0.0.1:9/charts', cacheDir: path.join(box.cache, 'charts') });
    process.env.ISTIO_CHARTS_DIR = path.join(box.root, 'docs');
    const failures = synthFailures((chart) => new IstioBase(chart, 'Base', { sources: [repo] }));
    expect(failures).toHaveLength(1);
    expect(failures[0]).not.toMatch(/s3cret|alice/);
    expect(failures[0]).toMatch(/\*\*\*@127\.0\.0\.1:9/);
  });
});
