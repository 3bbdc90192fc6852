import { checkChartVersion } from '../../../src/engine/charts/chart-version';
import { UserError } from '../../../src/errors';

describe('checkChartVersion', () => {
  test.each(['1.30.3', 'v1.30.3', '1.31.0-alpha.1', '1.30.3+build.7', '1.0.0'])('accepts %s', (version) => {
    expect(() => checkChartVersion(version)).not.toThrow();
  });

  test.each(['../../etc/passwd', '1.30.3/../x', '1.30..3', '-1.30.3', '--version', '1.30.3\\x', '', '1.30.3 ', 'a'.repeat(200)])(
    'refuses %j with one line naming it and the allowed characters',
    (version) => {
      expect(() => checkChartVersion(version)).toThrow(UserError);
      expect(() => checkChartVersion(version)).toThrow(`chart version ${JSON.stringify(version)} is not a Helm version`);
    },
  );
});
