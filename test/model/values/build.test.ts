import { baseHelmValues, istiodHelmValues } from '../../../src/model/values/build';

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
