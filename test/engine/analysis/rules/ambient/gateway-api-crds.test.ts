import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { isBelow, parseVersion, versionedCrds } from '../../../../../src/engine/analysis/rules/ambient/gateway-api-crds';
import { crd } from './fixtures';

describe('Gateway API CRD versions', () => {
  test.each([
    ['v1.4.1', [1, 4, 1]],
    ['1.5', [1, 5, 0]],
    ['v1.5.0-rc.1', [1, 5, 0]],
    ['v2', [2, 0, 0]],
    ['v1.5.0+build.7', [1, 5, 0]],
    ['latest', undefined],
    ['v1.x', undefined],
  ])('parses %s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  test('compares part by part', () => {
    expect(isBelow([1, 4, 9], [1, 5, 0])).toBe(true);
    expect(isBelow([1, 5, 0], [1, 5, 0])).toBe(false);
    expect(isBelow([2, 0, 0], [1, 5, 0])).toBe(false);
    expect(isBelow([1, 0, 3], [1, 1, 0])).toBe(true);
  });

  test('picks only the CRDs Istio checks, with their minimums', () => {
    const index = new ObjectIndex(
      [crd('tlsroutes.gateway.networking.k8s.io', 'v1.5.1'), crd('httproutes.gateway.networking.k8s.io', 'v1.0.0')].map((object) => ({
        object,
      })),
    );
    expect(versionedCrds(index).map((c) => [c.name, c.minimum, c.version])).toEqual([
      ['tlsroutes.gateway.networking.k8s.io', [1, 5, 0], [1, 5, 1]],
    ]);
  });
});
