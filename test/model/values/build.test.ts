import { baseHelmValues, cniHelmValues, istiodHelmValues, ztunnelHelmValues } from '../../../src/model/values/build';

describe('istiodHelmValues', () => {
  test('pins images to docker.io/istio at 1.30.3 and nothing else by default', () => {
    expect(istiodHelmValues({ namespace: 'istio-system' })).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
  });

  test('sets istioNamespace for a namespace other than istio-system', () => {
    expect(istiodHelmValues({ namespace: 'mesh' })).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3', istioNamespace: 'mesh' } });
  });

  test('lets typed values override the pins and extraValues override everything', () => {
    const values = istiodHelmValues({
      namespace: 'mesh',
      revision: 'canary',
      values: { global: { hub: 'registry.example/istio' }, replicaCount: 2 },
      extraValues: { global: { hub: 'mirror.example/istio' }, pilotFlag: true },
    });
    expect(values).toEqual({
      revision: 'canary',
      global: { hub: 'mirror.example/istio', tag: '1.30.3', istioNamespace: 'mesh' },
      replicaCount: 2,
      pilotFlag: true,
    });
  });

  test('follows a different chart version with the image tag', () => {
    expect(istiodHelmValues({ namespace: 'istio-system', version: '1.30.4' }).global).toMatchObject({ tag: '1.30.4' });
  });
});

describe('baseHelmValues', () => {
  test('sets the namespace and passes values through', () => {
    expect(baseHelmValues({ namespace: 'mesh', values: { defaultRevision: 'canary' } })).toEqual({
      global: { istioNamespace: 'mesh' },
      defaultRevision: 'canary',
    });
  });
});

describe('cniHelmValues', () => {
  test('pin the images in global (a chart-level hub or tag still wins) and nothing else by default', () => {
    expect(cniHelmValues({})).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
  });

  test("on GKE, put GKE's CNI folder under cni (beating the platform's empty one) unless cni.cniBinDir is given", () => {
    const gke = (values: Record<string, unknown>) => cniHelmValues({ appDefaults: { global: { platform: 'gke' } }, values });
    expect(gke({}).cni).toEqual({ cniBinDir: '/home/kubernetes/bin' });
    expect(cniHelmValues({ values: { global: { platform: 'gke' } } }).cni).toEqual({ cniBinDir: '/home/kubernetes/bin' });
    // A top-level folder is dropped by the gke platform settings, so GKE's folder still goes under cni.
    expect(gke({ cniBinDir: '/custom' })).toMatchObject({ cniBinDir: '/custom', cni: { cniBinDir: '/home/kubernetes/bin' } });
    expect(gke({ cni: { cniBinDir: '/custom', chained: false } }).cni).toEqual({ cniBinDir: '/custom', chained: false });
    expect(cniHelmValues({ values: { global: { platform: 'k3s' } } }).cni).toBeUndefined();
  });

  test('pass top-level keys at the top level and a cni block as the cni block, as the chart reads them', () => {
    const values = cniHelmValues({
      appDefaults: { profile: 'ambient' },
      values: { cniBinDir: '/x', ambient: { enabled: false }, cni: { cniConfDir: '/y' } },
      extraValues: { cni: { chained: false } },
    });
    expect(values).toEqual({
      global: { hub: 'docker.io/istio', tag: '1.30.3' },
      profile: 'ambient',
      cniBinDir: '/x',
      ambient: { enabled: false },
      cni: { cniConfDir: '/y', chained: false },
    });
  });
});

describe('ztunnelHelmValues', () => {
  test('pin the images in global and never set istioNamespace from the construct (it names where istiod runs)', () => {
    expect(ztunnelHelmValues({})).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
    expect(ztunnelHelmValues({ version: '1.30.2', appDefaults: { profile: 'ambient' }, values: { hub: 'mirror.example/istio' } })).toEqual({
      global: { hub: 'docker.io/istio', tag: '1.30.2' },
      profile: 'ambient',
      hub: 'mirror.example/istio',
    });
  });

  test('app defaults sit between the pins and the typed values', () => {
    expect(ztunnelHelmValues({ appDefaults: { profile: 'ambient' }, values: { profile: 'demo' } }).profile).toBe('demo');
  });
});
