import { UserError } from '../../errors';

/** Characters of a Helm (SemVer 2) version: digits, letters, '.', '-' (pre-release) and '+' (build metadata). */
const VERSION = /^v?[0-9A-Za-z][0-9A-Za-z.+-]{0,127}$/;

/**
 * Throws unless `version` is a chart version that is safe to put in a file name: it names archives in the
 * cache, so '/', '\', '..' or a leading '-' (read as a flag by helm) must never get through.
 */
export function checkChartVersion(version: string): void {
  if (typeof version === 'string' && VERSION.test(version) && !version.includes('..')) return;
  throw new UserError(
    `chart version ${JSON.stringify(version)} is not a Helm version: use digits, letters, '.', '-' and '+' only ` +
      `(no '/', '\\', '..', no leading '-'), e.g. '1.30.3'`,
  );
}
