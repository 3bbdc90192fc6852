import { buildInjectionSettings, injectObject } from '../../../src/engine/injection';
import { meshOverlayFromValues } from '../../../src/engine/injection/mesh-from-values';
import { at, list } from '../../support/json';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns' },
  spec: { containers: [{ name: 'app', image: 'app' }] },
};

function proxyEnv(settings: ReturnType<typeof buildInjectionSettings>): Record<string, string> {
  const pod = injectObject(POD, settings).object;
  const proxy = [...list(pod, 'spec', 'initContainers'), ...list(pod, 'spec', 'containers')].find((c) => c.name === 'istio-proxy');
  return Object.fromEntries(
    list(proxy, 'env')
      .filter((e) => 'value' in e)
      .map((e) => [String(e.name), String(e.value)]),
  );
}

describe('meshOverlayFromValues', () => {
  test('derives the discovery address from the revision and the istio namespace', () => {
    const overlay = meshOverlayFromValues({ revision: 'canary', global: { istioNamespace: 'mesh-system' } });
    expect(overlay).toMatchObject({
      rootNamespace: 'mesh-system',
      defaultConfig: { discoveryAddress: 'istiod-canary.mesh-system.svc:15012' },
    });
  });

  test('renders the tracer the chart renders for global.proxy.tracer, with its default address', () => {
    expect(meshOverlayFromValues({ global: { proxy: { tracer: 'zipkin' } } }).defaultConfig).toMatchObject({
      tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
    });
    expect(at(meshOverlayFromValues({ global: { proxy: { tracer: 'none' } } }), 'defaultConfig', 'tracing')).toBeUndefined();
  });

  test('lets values.meshConfig override what the values derive', () => {
    const overlay = meshOverlayFromValues({
      global: { meshID: 'm1' },
      meshConfig: { defaultConfig: { meshId: 'm2' }, trustDomain: 'td.local' },
    });
    expect(overlay).toMatchObject({ trustDomain: 'td.local', defaultConfig: { meshId: 'm2' } });
  });
});

describe('mesh config from values reaches the sidecar', () => {
  test('global.meshID shows in PROXY_CONFIG', () => {
    const env = proxyEnv(buildInjectionSettings({ set: ['global.meshID=m1'] }));
    expect(JSON.parse(env.PROXY_CONFIG)).toMatchObject({ meshId: 'm1' });
  });

  test('meshConfig.trustDomain in a values file sets the trust domain', () => {
    const env = proxyEnv(buildInjectionSettings({ values: [{ meshConfig: { trustDomain: 'td.local' } }] }));
    expect(env.TRUST_DOMAIN).toBe('td.local');
  });

  test('an explicit mesh config overlay wins over the values', () => {
    const env = proxyEnv(
      buildInjectionSettings({ values: [{ meshConfig: { trustDomain: 'td.local' } }], meshConfig: { trustDomain: 'other.local' } }),
    );
    expect(env.TRUST_DOMAIN).toBe('other.local');
  });
});
