import { applyPrometheusMerge, parseBool } from '../../../src/engine/injection/prometheus';
import { deployment, env, container, injectedTemplate } from './support/workloads';
import { at } from '../../support/json';

const mesh = { enablePrometheusMerge: true, defaultConfig: { statusPort: 15020 } };
const pod = (annotations: Record<string, string>) => ({
  metadata: { annotations: { ...annotations } },
  spec: { containers: [{ name: 'app' }, { name: 'istio-proxy', env: [] as unknown[] }] },
});

describe('Prometheus merge', () => {
  it('points the scrape annotations at the agent', () => {
    const p = pod({});
    applyPrometheusMerge(p, mesh);
    expect(p.metadata.annotations).toEqual({
      'prometheus.io/port': '15020',
      'prometheus.io/path': '/stats/prometheus',
      'prometheus.io/scrape': 'true',
    });
  });

  it("hands the app's own scrape settings to the proxy", () => {
    const p = pod({ 'prometheus.io/port': '9090', 'prometheus.io/path': '/m' });
    applyPrometheusMerge(p, mesh);
    expect(JSON.parse(String(at(p, 'spec', 'containers', 1, 'env', 0, 'value')))).toEqual({ scrape: '', path: '/m', port: '9090' });
  });

  it('does nothing when the pod is not scraped or merging is off', () => {
    const cases: Record<string, string>[] = [{ 'prometheus.io/scrape': 'false' }, { 'prometheus.istio.io/merge-metrics': 'false' }];
    for (const annotations of cases) {
      const p = pod(annotations);
      applyPrometheusMerge(p, mesh);
      expect(p.metadata.annotations).toEqual(annotations);
    }
    const p = pod({});
    applyPrometheusMerge(p, { ...mesh, enablePrometheusMerge: false });
    expect(p.metadata.annotations).toEqual({});
  });

  it('reads booleans as Go does', () => {
    expect([parseBool('T'), parseBool('0'), parseBool('yes')]).toEqual([true, false, undefined]);
  });

  it('takes effect through injection', () => {
    const t = injectedTemplate(deployment({ annotations: { 'prometheus.io/port': '9090' } }));
    expect(at(t, 'metadata', 'annotations', 'prometheus.io/port')).toBe('15020');
    expect(env(container(t, 'istio-proxy'), 'ISTIO_PROMETHEUS_ANNOTATIONS')).toBe('{"scrape":"","path":"","port":"9090"}');
  });
});
