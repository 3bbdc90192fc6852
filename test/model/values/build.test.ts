import { baseHelmValues, cniChartValues, cniHelmValues, istiodHelmValues, ztunnelHelmValues } from '../../../src/model/values/build';

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

describe('cniHelmValues and cniChartValues', () => {
  test('pin the images in global (a chart-level hub or tag still wins) and nothing else by default', () => {
    expect(cniHelmValues({})).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
    expect(cniChartValues(cniHelmValues({}))).toEqual({ global: { hub: 'docker.io/istio', tag: '1.30.3' } });
  });

  test("on GKE, fill in GKE's CNI folder unless one is given (offline detection would write /opt/cni/bin)", () => {
    expect(cniHelmValues({ appDefaults: { global: { platform: 'gke' } } }).cniBinDir).toBe('/home/kubernetes/bin');
    expect(cniHelmValues({ values: { global: { platform: 'gke' } } }).cniBinDir).toBe('/home/kubernetes/bin');
    expect(cniHelmValues({ values: { global: { platform: 'gke' }, cniBinDir: '/custom' } }).cniBinDir).toBe('/custom');
    expect(cniHelmValues({ values: { global: { platform: 'k3s' } } }).cniBinDir).toBeUndefined();
  });

  test('move the chart keys under cni, where they win over profile settings; global and profile stay on top', () => {
    const values = cniHelmValues({
      appDefaults: { profile: 'ambient' },
      values: { cniBinDir: '/x', ambient: { enabled: false } },
      extraValues: { cni: { chained: false } },
    });
    expect(cniChartValues(values)).toEqual({
      global: { hub: 'docker.io/istio', tag: '1.30.3' },
      profile: 'ambient',
      cni: { cniBinDir: '/x', ambient: { enabled: false }, chained: false },
    });
  });

  test('a key already under cni wins over its top-level twin, as in the chart', () => {
    expect(cniChartValues({ cniBinDir: '/top', cni: { cniBinDir: '/cni' } })).toEqual({ cni: { cniBinDir: '/cni' } });
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
