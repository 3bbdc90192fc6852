import { buildInjectionSettings, SetEntryError } from '../../../src/engine/injection/settings';
import { UserError } from '../../../src/errors';

/** The value at a dotted path of a settings tree. */
function at(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('buildInjectionSettings', () => {
  it('pins the proxy image to the release by default', () => {
    const s = buildInjectionSettings();
    expect(at(s.values, 'global.hub')).toBe('docker.io/istio');
    expect(at(s.values, 'global.tag')).toBe('1.30.3');
    expect(at(buildInjectionSettings({ pinned: false }).values, 'global.hub')).toBe('registry.istio.io/testing');
  });

  it('merges values files in order, lists replacing and null deleting, then applies --set entries', () => {
    const s = buildInjectionSettings({
      values: [
        { global: { proxy: { resources: { limits: { cpu: null } } }, imagePullSecrets: ['a'] } },
        { global: { imagePullSecrets: ['b'] } },
      ],
      set: ['global.proxy.logLevel=debug', 'global.proxy.excludeInboundPorts=4,5,6'],
    });
    expect(at(s.values, 'global.proxy.resources.limits')).toEqual({ memory: '1024Mi' });
    expect(at(s.values, 'global.imagePullSecrets')).toEqual(['b']);
    expect(at(s.values, 'global.proxy.logLevel')).toBe('debug');
    expect(at(s.values, 'global.proxy.excludeInboundPorts')).toBe('4,5,6');
  });

  it('overlays the mesh config, keeping explicit empty messages', () => {
    const s = buildInjectionSettings({ meshConfig: { defaultConfig: { tracing: {} }, trustDomain: 'corp.example' } });
    expect(s.meshConfig.trustDomain).toBe('corp.example');
    expect(at(s.meshConfig, 'defaultConfig.tracing')).toEqual({});
    expect(at(s.meshConfig, 'defaultConfig.statusPort')).toBe(15020);
  });

  it('turns native sidecars on unless told otherwise', () => {
    expect(buildInjectionSettings().nativeSidecars).toBe(true);
    expect(buildInjectionSettings({ nativeSidecars: false }).nativeSidecars).toBe(false);
  });

  it('gives every call a fresh tree', () => {
    const a = buildInjectionSettings();
    (a.values.global as Record<string, unknown>).hub = 'changed';
    expect(at(buildInjectionSettings().values, 'global.hub')).toBe('docker.io/istio');
  });
});

describe('revisions', () => {
  it("point the proxy at the revision's istiod", () => {
    const s = buildInjectionSettings({ revision: 'canary' });
    expect(s.revision).toBe('canary');
    expect(at(s.meshConfig, 'defaultConfig.discoveryAddress')).toBe('istiod-canary.istio-system.svc:15012');
    expect(s.values.revision).toBe('canary');
  });
});

describe('inputs that would break every sidecar are refused, naming the input and the field', () => {
  test('--set that replaces the global map with a scalar (it rendered the image "/proxyv2:")', () => {
    expect(() => buildInjectionSettings({ set: ['global=1'] })).toThrow(SetEntryError);
    expect(() => buildInjectionSettings({ set: ['global=1'] })).toThrow('--set "global=1": global is a map of settings in the values');
  });

  test('a values file that replaces a map with a scalar', () => {
    const run = () => buildInjectionSettings({ values: [{ global: { proxy: 'x' } }], sources: { values: ['--values v.yaml'] } });
    expect(run).toThrow('--values v.yaml: global.proxy is a map of settings in the values, and "x" would replace it whole');
    // Bad input, not a bad command-line argument: the CLI gives it another exit code than a bad --set.
    expect(run).toThrow(UserError);
    expect(run).not.toThrow(SetEntryError);
  });

  test('a values file that removes a map with null, or sets keys inside it, is fine', () => {
    const s = buildInjectionSettings({ values: [{ global: { proxy: { resources: null, logLevel: 'debug' } } }] });
    expect(at(s.values, 'global.proxy.logLevel')).toBe('debug');
  });

  test('a mesh config whose defaultConfig fails the proxy config checks of the annotation', () => {
    const run = () =>
      buildInjectionSettings({
        meshConfig: { defaultConfig: { drainDuration: '45', concurrency: 'two' } },
        sources: { meshConfig: '--mesh-config m.yaml' },
      });
    expect(run).toThrow(UserError);
    expect(run).toThrow(
      '--mesh-config m.yaml: defaultConfig.drainDuration must be a duration in seconds such as "45s"; defaultConfig.concurrency must be a whole number',
    );
  });

  test('a mesh config whose defaultConfig is no map', () => {
    expect(() => buildInjectionSettings({ meshConfig: { defaultConfig: 'x' } })).toThrow(
      'meshConfig: defaultConfig must be a map of ProxyConfig fields',
    );
  });

  test('meshConfig.defaultConfig in a values file, and in --set', () => {
    expect(() => buildInjectionSettings({ values: [{ meshConfig: { defaultConfig: { proxyAdminPort: 70000 } } }] })).toThrow(
      'values[0]: meshConfig.defaultConfig.proxyAdminPort must be a port number from 1 to 65535',
    );
    expect(() => buildInjectionSettings({ set: ['meshConfig.defaultConfig.holdApplicationUntilProxyStarts=yes'] })).toThrow(
      '--set "meshConfig.defaultConfig.holdApplicationUntilProxyStarts=yes": meshConfig.defaultConfig.holdApplicationUntilProxyStarts must be true or false',
    );
  });

  test('valid proxy config fields pass and reach the mesh config', () => {
    const s = buildInjectionSettings({ meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true, drainDuration: '30s' } } });
    expect(at(s.meshConfig, 'defaultConfig.drainDuration')).toBe('30s');
  });
});
