import { meshForPod, normalizeDuration, proxyConfigJson } from '../../../src/engine/injection/proxy-config';
import { InjectionError } from '../../../src/engine/injection/errors';
import { meshConfigDefaults, proxyConfigDefaults } from '../../../src/model/injection/mesh-config';
import { container, deployment, env, injectedTemplate } from './support/workloads';
import { at } from '../../support/json';

describe('proxy config', () => {
  it('writes only fields that differ from the built-in defaults', () => {
    expect(proxyConfigJson(proxyConfigDefaults())).toBe('{}');
    expect(
      JSON.parse(proxyConfigJson({ ...proxyConfigDefaults(), drainDuration: '23s', interceptionMode: 'TPROXY', concurrency: 0 })),
    ).toEqual({ drainDuration: '23s', interceptionMode: 'TPROXY', concurrency: 0 });
  });

  it('merges the pod annotation into the default config, adding proxy metadata entries', () => {
    const mesh = { ...meshConfigDefaults(), defaultConfig: { ...proxyConfigDefaults(), proxyMetadata: { A: '1' } } };
    const merged = meshForPod(mesh, { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true\nproxyMetadata:\n  B: "2"\n' });
    expect(merged.defaultConfig).toMatchObject({ holdApplicationUntilProxyStarts: true, proxyMetadata: { A: '1', B: '2' } });
    expect(at(mesh, 'defaultConfig', 'holdApplicationUntilProxyStarts')).toBeUndefined();
  });

  it('rejects an annotation that is not a map', () => {
    expect(() => meshForPod(meshConfigDefaults(), { 'proxy.istio.io/config': '- a' })).toThrow(InjectionError);
  });

  it('writes durations in protobuf JSON form', () => {
    expect(['1m', '1.5s', '250ms', '45s', 'bad'].map(normalizeDuration)).toEqual(['60s', '1.500s', '0.250s', '45s', 'bad']);
  });

  it('shows in PROXY_CONFIG and drives holdApplicationUntilProxyStarts', () => {
    const t = injectedTemplate(deployment({ annotations: { 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }' } }), {
      nativeSidecars: false,
    });
    const proxy = container(t, 'istio-proxy')!;
    expect(JSON.parse(env(proxy, 'PROXY_CONFIG')!)).toEqual({ holdApplicationUntilProxyStarts: true });
    expect(at(t, 'spec', 'containers', 0, 'name')).toBe('istio-proxy');
  });
});
