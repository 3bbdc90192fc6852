import { isRecord } from '../../../src/engine/k8s/object';
import { chartValueDefaults, PINNED_HUB, PINNED_TAG } from '../../../src/model/injection/chart-values';
import { at } from '../../support/json';

describe('chart value defaults', () => {
  it('holds the defaults the injection templates read', () => {
    const v = chartValueDefaults();
    expect(at(v, 'global', 'proxy')).toMatchObject({
      statusPort: 15020,
      clusterDomain: 'cluster.local',
      includeIPRanges: '*',
      logLevel: 'warning',
    });
    expect(at(v, 'global', 'proxy', 'resources')).toEqual({
      limits: { cpu: '2000m', memory: '1024Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(at(v, 'pilot', 'cni')).toEqual({ enabled: false, provider: 'default' });
    expect(at(v, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe')).toBe(true);
    expect(at(v, 'global', 'istioNamespace')).toBe('istio-system');
  });

  it("carries the chart's own hub and tag; pinning uses the release", () => {
    const v = chartValueDefaults();
    expect([at(v, 'global', 'hub'), at(v, 'global', 'tag')]).toEqual(['registry.istio.io/testing', 'latest']);
    expect([PINNED_HUB, PINNED_TAG]).toEqual(['docker.io/istio', '1.30.3']);
  });

  it('returns a fresh tree on every call', () => {
    const proxy = at(chartValueDefaults(), 'global', 'proxy');
    if (!isRecord(proxy)) throw new Error('the defaults have no global.proxy');
    proxy.statusPort = 1;
    expect(at(chartValueDefaults(), 'global', 'proxy', 'statusPort')).toBe(15020);
  });
});
