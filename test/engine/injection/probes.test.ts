import { container, deployment, env, injectedTemplate } from './support/workloads';
import { at } from '../../support/json';

const appWithProbes = (probes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  deployment({
    spec: { containers: [{ name: 'app', image: 'a', ports: [{ name: 'http', containerPort: 8080 }], ...probes }] },
    ...extra,
  });

describe('app probe rewriting', () => {
  it('points HTTP probes at the status port and records the originals', () => {
    const t = injectedTemplate(
      appWithProbes({ readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTPS' }, timeoutSeconds: 2 } }),
    );
    expect(container(t, 'app')!.readinessProbe).toEqual({
      httpGet: { path: '/app-health/app/readyz', port: 15020, scheme: 'HTTP' },
      timeoutSeconds: 2,
    });
    expect(JSON.parse(env(container(t, 'istio-proxy'), 'ISTIO_KUBE_APP_PROBERS')!)).toEqual({
      '/app-health/app/readyz': { httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' }, timeoutSeconds: 2 },
    });
  });

  it('turns TCP and gRPC probes into HTTP probes on the status port', () => {
    const t = injectedTemplate(appWithProbes({ livenessProbe: { tcpSocket: { port: 8080 } }, startupProbe: { grpc: { port: 9000 } } }));
    expect(container(t, 'app')!.livenessProbe).toEqual({ httpGet: { path: '/app-health/app/livez', port: 15020 } });
    expect(container(t, 'app')!.startupProbe).toEqual({ httpGet: { path: '/app-health/app/startupz', port: 15020 } });
    expect(Object.keys(JSON.parse(env(container(t, 'istio-proxy'), 'ISTIO_KUBE_APP_PROBERS')!))).toEqual([
      '/app-health/app/livez',
      '/app-health/app/startupz',
    ]);
  });

  it('leaves probes alone when the pod turns rewriting off', () => {
    const probe = { httpGet: { path: '/ready', port: 8080 } };
    const t = injectedTemplate(
      appWithProbes({ readinessProbe: probe }, { annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } }),
    );
    expect(container(t, 'app')!.readinessProbe).toEqual(probe);
    expect(env(container(t, 'istio-proxy'), 'ISTIO_KUBE_APP_PROBERS')).toBeUndefined();
  });

  it('uses the status port annotation for the rewritten port', () => {
    const t = injectedTemplate(
      appWithProbes({ readinessProbe: { httpGet: { port: 8080 } } }, { annotations: { 'status.sidecar.istio.io/port': '15555' } }),
    );
    expect(at(container(t, 'app'), 'readinessProbe', 'httpGet', 'port')).toBe(15555);
  });

  it('rewrites HTTP lifecycle hooks to the app-lifecycle URLs', () => {
    const t = injectedTemplate(appWithProbes({ lifecycle: { preStop: { httpGet: { path: '/stop', port: 8080 } } } }));
    expect(at(container(t, 'app'), 'lifecycle', 'preStop', 'httpGet')).toEqual({ path: '/app-lifecycle/app/prestopz', port: 15020 });
  });
});
