import * as path from 'path';
import { ChartSource, OFFICIAL_REPOSITORY_URL } from '../../../src/engine/charts/chart-source';
import { UserError } from '../../../src/errors';

describe('ChartSource', () => {
  test('localDir resolves the folder to an absolute path', () => {
    expect(ChartSource.localDir('charts').spec).toEqual({ kind: 'localDir', dir: path.resolve('charts') });
  });

  test('oci drops a trailing slash and defaults to https', () => {
    const spec = ChartSource.oci('oci://gcr.io/istio-release/charts/', { cacheDir: '/tmp/c' }).spec;
    expect(spec).toEqual({ kind: 'oci', ref: 'oci://gcr.io/istio-release/charts', plainHttp: false, cacheDir: '/tmp/c' });
  });

  test('oci rejects a reference without the oci:// scheme, saying how to write it', () => {
    expect(() => ChartSource.oci('gcr.io/istio-release/charts')).toThrow(UserError);
    expect(() => ChartSource.oci('gcr.io/istio-release/charts')).toThrow(/write it as oci:\/\/<registry>\/<path>/);
  });

  test('repository defaults to the official Istio repository', () => {
    const spec = ChartSource.repository().spec;
    expect(spec.kind === 'repository' && spec.url).toBe(OFFICIAL_REPOSITORY_URL);
  });

  test('repository rejects a url that is not http(s)', () => {
    expect(() => ChartSource.repository({ url: 'ftp://charts.example' })).toThrow(/not an http\(s\) repository url/);
  });

  test('a rejected url is printed with its credentials hidden', () => {
    expect(() => ChartSource.repository({ url: 'ftp://user:s3cret@charts.example' })).toThrow(
      "chart source: 'ftp://***@charts.example' is not an http(s) repository url; write it as https://<host>/<path>",
    );
    expect(() => ChartSource.oci('https://user:s3cret@registry.example/charts')).toThrow(
      "chart source: 'https://***@registry.example/charts' is not an oci reference",
    );
  });

  test('defaults put ISTIO_CHARTS_DIR before the repository', () => {
    const kinds = ChartSource.defaults({ ISTIO_CHARTS_DIR: '/opt/istio/manifests/charts' }).map((s) => s.spec.kind);
    expect(kinds).toEqual(['localDir', 'repository']);
    expect(ChartSource.defaults({}).map((s) => s.spec.kind)).toEqual(['repository']);
  });
});
