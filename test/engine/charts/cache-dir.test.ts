import * as path from 'path';
import { cacheRoot } from '../../../src/engine/charts/cache-dir';

describe('cacheRoot', () => {
  test('is CDK8S_ISTIO_CACHE_DIR when set', () => {
    expect(cacheRoot({ CDK8S_ISTIO_CACHE_DIR: '/var/cache/mesh' })).toBe('/var/cache/mesh');
  });

  test('is node_modules/.cache/cdk8s-istio under the working directory otherwise', () => {
    expect(cacheRoot({})).toBe(path.resolve('node_modules', '.cache', 'cdk8s-istio'));
  });
});
