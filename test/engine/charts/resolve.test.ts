import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { chartDigest } from '../../../src/engine/charts/digest';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { UserError } from '../../../src/errors';
import { FIXTURE_CHARTS } from './test-helpers';

describe('resolveChart', () => {
  test('finds both charts in a folder laid out like a release\'s manifests/charts', () => {
    const base = resolveChart('base', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]);
    const istiod = resolveChart('istiod', '1.30.3', [ChartSource.localDir(FIXTURE_CHARTS)]);
    expect(base.path).toBe(path.join(FIXTURE_CHARTS, 'base'));
    expect(istiod.path).toBe(path.join(FIXTURE_CHARTS, 'istio-control', 'istio-discovery'));
    expect(istiod.digest).toBe(chartDigest(istiod.path));
  });

  test('takes the first source that has the chart', () => {
    const chart = resolveChart('base', '1.30.3', [ChartSource.localDir('/nonexistent/charts'), ChartSource.localDir(FIXTURE_CHARTS)]);
    expect(chart.path).toBe(path.join(FIXTURE_CHARTS, 'base'));
  });

  test('fails with a user error listing each folder looked at', () => {
    const attempt = () => resolveChart('base', '1.30.3', [ChartSource.localDir('/nonexistent/a'), ChartSource.localDir('/nonexistent/b')]);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/- \/nonexistent\/a\/base \(no Chart.yaml\)\n\s+- \/nonexistent\/b\/base \(no Chart.yaml\)/);
  });
});
