import { checkValues } from '../../../src/model/values/checks';
import { ISTIO_PLATFORMS, PLATFORM_RULES, platformOf, profileOf } from '../../../src/model/values/platform';

describe('the platform rules', () => {
  test.each(ISTIO_PLATFORMS)('accept %s in global.platform and platform', (platform) => {
    expect(checkValues({ platform, global: { platform } }, PLATFORM_RULES)).toEqual([]);
  });

  test('eks is an error listing the valid platforms and what to do on EKS', () => {
    const [error] = checkValues({ global: { platform: 'eks' } }, PLATFORM_RULES);
    expect(error).toBe(
      'values.global.platform is "eks": must be one of gke, k3d, k3s, microk8s, minikube, openshift; ' +
        'leave it unset for a cluster with standard CNI paths (EKS, AKS and most others)',
    );
  });

  test('a top-level platform is checked too', () => {
    expect(checkValues({ platform: 'aks' }, PLATFORM_RULES)).toHaveLength(1);
  });
});

describe('platformOf and profileOf', () => {
  test('read the top-level key first, then the global one, as the charts coalesce them', () => {
    expect(platformOf({ platform: 'k3s', global: { platform: 'gke' } })).toBe('k3s');
    expect(platformOf({ global: { platform: 'gke' } })).toBe('gke');
    expect(profileOf({ global: { profile: 'ambient' } })).toBe('ambient');
    expect(profileOf({ profile: 'demo', global: { profile: 'ambient' } })).toBe('demo');
  });

  test('treat empty strings and missing keys as unset', () => {
    expect(platformOf({ platform: '', global: { platform: '' } })).toBeUndefined();
    expect(profileOf({})).toBeUndefined();
    expect(platformOf({ global: 'not a map' })).toBeUndefined();
  });
});
