import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { chartDigest } from '../../../src/engine/charts/digest';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { UserError } from '../../../src/errors';
import { FIXTURE_CHARTS } from './test-helpers';

describe('resolveChart', () => {
  test("finds both charts in a folder laid out like a release's manifests/charts", () => {
    const base = resolveChart('base', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]);
    const istiod = resolveChart('istiod', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]);
    expect(base.path).toBe(path.join(FIXTURE_CHARTS, 'base'));
    expect(istiod.path).toBe(path.join(FIXTURE_CHARTS, 'istio-control', 'istio-discovery'));
    expect(istiod.digest).toBe(chartDigest(istiod.path));
  });

  test('finds the cni and ztunnel charts in their release folders (istio-cni/, ztunnel/)', () => {
    expect(resolveChart('cni', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]).path).toBe(path.join(FIXTURE_CHARTS, 'istio-cni'));
    expect(resolveChart('ztunnel', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]).path).toBe(path.join(FIXTURE_CHARTS, 'ztunnel'));
  });

  test('takes the first source that has the chart', () => {
    const chart = resolveChart('base', '1.30.3', [ChartSource.localDir('/nonexistent/charts'), ChartSource.localDir(FIXTURE_CHARTS)]);
    expect(chart.path).toBe(path.join(FIXTURE_CHARTS, 'base'));
  });

  test('skips a folder whose chart has another release version, saying how to use it', () => {
    const attempt = () => resolveChart('istiod', '1.29.0', [ChartSource.localDir(FIXTURE_CHARTS)]);
    expect(attempt).toThrow(/istio-discovery \(chart version 1\.30\.3, not 1\.29\.0; set the construct's version to 1\.30\.3 to use it\)/);
  });

  test('accepts the unreleased version 1.0.0 of a source checkout for any version', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-test-'));
    try {
      fs.mkdirSync(path.join(tmp, 'base'));
      fs.writeFileSync(path.join(tmp, 'base', 'Chart.yaml'), 'apiVersion: v2\nname: base\nversion: 1.0.0\n');
      expect(resolveChart('base', '1.30.3', [ChartSource.localDir(tmp)]).path).toBe(path.join(tmp, 'base'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('reports a Chart.yaml that cannot be read instead of throwing a parser error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-test-'));
    try {
      fs.mkdirSync(path.join(tmp, 'base'));
      fs.writeFileSync(path.join(tmp, 'base', 'Chart.yaml'), 'name: [unclosed\n');
      expect(() => resolveChart('base', '1.30.3', [ChartSource.localDir(tmp)])).toThrow(/Chart\.yaml \(not valid YAML with a version\)/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('fails with a user error listing each folder looked at', () => {
    const attempt = () => resolveChart('base', '1.30.3', [ChartSource.localDir('/nonexistent/a'), ChartSource.localDir('/nonexistent/b')]);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/looked at: \/nonexistent\/a\/base \(no Chart.yaml\); \/nonexistent\/b\/base \(no Chart.yaml\)\); fix: /);
  });

  test('a FIFO in a local chart folder is one error naming it, not a hang', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-test-'));
    try {
      fs.cpSync(FIXTURE_CHARTS, tmp, { recursive: true });
      const pipe = path.join(tmp, 'istio-control', 'istio-discovery', 'templates', 'zz-pipe.yaml');
      expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
      const attempt = () => resolveChart('istiod', '1.30.3', [ChartSource.localDir(tmp)]);
      expect(attempt).toThrow(UserError);
      expect(attempt).toThrow(
        `chart folder ${path.join(tmp, 'istio-control', 'istio-discovery')}: templates/zz-pipe.yaml is a FIFO (named pipe); ` +
          'a chart holds regular files and folders only: remove it',
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a version that is not a Helm version is refused before any source is tried', () => {
    expect(() => resolveChart('istiod', '1.30.3/../../x', [ChartSource.localDir(FIXTURE_CHARTS)])).toThrow(
      'chart version "1.30.3/../../x" is not a Helm version',
    );
  });
});
