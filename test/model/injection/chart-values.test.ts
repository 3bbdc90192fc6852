import { chartValueDefaults, PINNED_HUB, PINNED_TAG } from '../../../src/model/injection/chart-values';

describe('chart value defaults', () => {
  it('holds the defaults the injection templates read', () => {
    const v = chartValueDefaults() as any;
    expect(v.global.proxy).toMatchObject({ statusPort: 15020, clusterDomain: 'cluster.local', includeIPRanges: '*', logLevel: 'warning' });
    expect(v.global.proxy.resources).toEqual({ limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(v.pilot.cni).toEqual({ enabled: false, provider: 'default' });
    expect(v.sidecarInjectorWebhook.rewriteAppHTTPProbe).toBe(true);
    expect(v.global.istioNamespace).toBe('istio-system');
  });

  it("carries the chart's own hub and tag; pinning uses the release", () => {
    const v = chartValueDefaults() as any;
    expect([v.global.hub, v.global.tag]).toEqual(['registry.istio.io/testing', 'latest']);
    expect([PINNED_HUB, PINNED_TAG]).toEqual(['docker.io/istio', '1.30.3']);
  });

  it('returns a fresh tree on every call', () => {
    (chartValueDefaults() as any).global.proxy.statusPort = 1;
    expect((chartValueDefaults() as any).global.proxy.statusPort).toBe(15020);
  });
});
