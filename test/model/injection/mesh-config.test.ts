import { meshConfigDefaults, proxyConfigDefaults } from '../../../src/model/injection/mesh-config';

describe('mesh config defaults', () => {
  it('matches a default install', () => {
    const m = meshConfigDefaults();
    expect(m).toMatchObject({
      trustDomain: 'cluster.local',
      rootNamespace: 'istio-system',
      enablePrometheusMerge: true,
      proxyListenPort: 15001,
      proxyInboundListenPort: 15006,
      inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
    });
    expect(m.defaultConfig).toEqual(proxyConfigDefaults());
  });

  it('has no tracing and no hold-application default in the proxy config', () => {
    const pc = proxyConfigDefaults();
    expect(pc.tracing).toBeUndefined();
    expect(pc.holdApplicationUntilProxyStarts).toBeUndefined();
    expect(pc).toMatchObject({ statusPort: 15020, discoveryAddress: 'istiod.istio-system.svc:15012', drainDuration: '45s' });
  });
});
