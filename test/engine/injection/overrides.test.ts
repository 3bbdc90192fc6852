import { container, deployment, injectedTemplate, names } from './support/workloads';
import { at, list } from '../../support/json';

describe('a user-supplied istio-proxy container', () => {
  const withProxy = (proxy: Record<string, unknown>) =>
    deployment({
      spec: {
        containers: [
          { name: 'app', image: 'a' },
          { name: 'istio-proxy', ...proxy },
        ],
      },
    });

  it('overrides the injected fields it sets and keeps the rest', () => {
    const t = injectedTemplate(withProxy({ image: 'auto', args: ['custom'], resources: { limits: { memory: '3Gi' } } }));
    const proxy = container(t, 'istio-proxy')!;
    expect(proxy.args).toEqual(['custom']);
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(at(proxy, 'resources', 'limits')).toEqual({ cpu: '2', memory: '3Gi' });
    expect(list(proxy, 'volumeMounts').length).toBeGreaterThan(0);
  });

  it('moves to the init containers for a native sidecar and is recorded for re-injection', () => {
    const t = injectedTemplate(withProxy({ image: 'auto' }));
    expect(names(at(t, 'spec', 'containers'))).toEqual(['app']);
    expect(names(at(t, 'spec', 'initContainers'))).toEqual(['istio-init', 'istio-proxy']);
    expect(JSON.parse(String(at(t, 'metadata', 'annotations', 'proxy.istio.io/overrides')))).toEqual({
      initContainers: [{ name: 'istio-proxy', resources: {} }],
    });
  });

  it('with its own user and group, sets what the CNI validation runs as', () => {
    const t = injectedTemplate(withProxy({ image: 'auto', securityContext: { runAsUser: 1234, runAsGroup: 4321 } }), {
      set: ['pilot.cni.enabled=true'],
    });
    expect(container(t, 'istio-validation')!.securityContext).toMatchObject({ runAsUser: 1234, runAsGroup: 4321 });
  });
});
