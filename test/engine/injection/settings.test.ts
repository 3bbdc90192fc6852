import { buildInjectionSettings } from '../../../src/engine/injection/settings';

describe('buildInjectionSettings', () => {
  it('pins the proxy image to the release by default', () => {
    const s = buildInjectionSettings();
    expect((s.values.global as any).hub).toBe('docker.io/istio');
    expect((s.values.global as any).tag).toBe('1.30.3');
    expect((buildInjectionSettings({ pinned: false }).values.global as any).hub).toBe('registry.istio.io/testing');
  });

  it('merges values files in order, lists replacing and null deleting, then applies --set entries', () => {
    const s = buildInjectionSettings({
      values: [
        { global: { proxy: { resources: { limits: { cpu: null } } }, imagePullSecrets: ['a'] } },
        { global: { imagePullSecrets: ['b'] } },
      ],
      set: ['global.proxy.logLevel=debug', 'global.proxy.excludeInboundPorts=4,5,6'],
    });
    const proxy = (s.values.global as any).proxy;
    expect(proxy.resources.limits).toEqual({ memory: '1024Mi' });
    expect((s.values.global as any).imagePullSecrets).toEqual(['b']);
    expect(proxy.logLevel).toBe('debug');
    expect(proxy.excludeInboundPorts).toBe('4,5,6');
  });

  it('overlays the mesh config, keeping explicit empty messages', () => {
    const s = buildInjectionSettings({ meshConfig: { defaultConfig: { tracing: {} }, trustDomain: 'corp.example' } });
    expect(s.meshConfig.trustDomain).toBe('corp.example');
    expect((s.meshConfig.defaultConfig as any).tracing).toEqual({});
    expect((s.meshConfig.defaultConfig as any).statusPort).toBe(15020);
  });

  it('turns native sidecars on unless told otherwise', () => {
    expect(buildInjectionSettings().nativeSidecars).toBe(true);
    expect(buildInjectionSettings({ nativeSidecars: false }).nativeSidecars).toBe(false);
  });

  it('gives every call a fresh tree', () => {
    const a = buildInjectionSettings();
    (a.values.global as any).hub = 'changed';
    expect((buildInjectionSettings().values.global as any).hub).toBe('docker.io/istio');
  });
});

describe('revisions', () => {
  it("point the proxy at the revision's istiod", () => {
    const s = buildInjectionSettings({ revision: 'canary' });
    expect(s.revision).toBe('canary');
    expect((s.meshConfig.defaultConfig as any).discoveryAddress).toBe('istiod-canary.istio-system.svc:15012');
    expect(s.values.revision).toBe('canary');
  });
});
