import { container, deployment, env, injectedTemplate, names } from './support/workloads';
import { at } from '../../support/json';

describe('the istio-proxy container', () => {
  it('runs as a native sidecar by default: an init container with restartPolicy Always and a drain hook', () => {
    const t = injectedTemplate(deployment());
    expect(names(at(t, 'spec', 'initContainers'))).toEqual(['istio-init', 'istio-proxy']);
    expect(names(at(t, 'spec', 'containers'))).toEqual(['app']);
    const proxy = container(t, 'istio-proxy')!;
    expect(proxy.restartPolicy).toBe('Always');
    expect(at(proxy, 'lifecycle', 'preStop', 'exec', 'command')).toEqual(['pilot-agent', 'request', '--debug-port=15020', 'POST', 'drain']);
  });

  it('runs as a classic sidecar when native sidecars are off', () => {
    const t = injectedTemplate(deployment(), { nativeSidecars: false });
    expect(names(at(t, 'spec', 'containers'))).toEqual(['app', 'istio-proxy']);
    expect(container(t, 'istio-proxy')!.restartPolicy).toBeUndefined();
  });

  it('lets the pod annotation choose native or classic', () => {
    const t = injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/nativeSidecar': 'false' } }));
    expect(names(at(t, 'spec', 'containers'))).toEqual(['app', 'istio-proxy']);
    const t2 = injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } }), { nativeSidecars: false });
    expect(names(at(t2, 'spec', 'initContainers'))).toEqual(['istio-init', 'istio-proxy']);
  });

  it('starts the proxy first with a wait hook when the app must wait for it (classic mode)', () => {
    const t = injectedTemplate(deployment(), { nativeSidecars: false, set: ['global.proxy.holdApplicationUntilProxyStarts=true'] });
    expect(names(at(t, 'spec', 'containers'))).toEqual(['istio-proxy', 'app']);
    expect(container(t, 'istio-proxy')!.lifecycle).toEqual({ postStart: { exec: { command: ['pilot-agent', 'wait'] } } });
  });

  it('runs as 1337 without privileges, or as root with NET_ADMIN under TPROXY', () => {
    const plain = container(injectedTemplate(deployment()), 'istio-proxy')!.securityContext;
    expect(plain).toMatchObject({ runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    const tproxy = container(
      injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } })),
      'istio-proxy',
    )!;
    expect(tproxy.securityContext).toMatchObject({
      runAsUser: 0,
      runAsGroup: 1337,
      runAsNonRoot: false,
      capabilities: { add: ['NET_ADMIN'] },
    });
  });

  it('takes resources from the pod annotations before the values', () => {
    const t = injectedTemplate(
      deployment({ annotations: { 'sidecar.istio.io/proxyCPU': '250m', 'sidecar.istio.io/proxyMemoryLimit': '2048Mi' } }),
    );
    expect(container(t, 'istio-proxy')!.resources).toEqual({ requests: { cpu: '250m' }, limits: { memory: '2Gi' } });
    expect(container(injectedTemplate(deployment()), 'istio-proxy')!.resources).toEqual({
      limits: { cpu: '2', memory: '1Gi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
  });

  it('describes the workload in its environment', () => {
    const proxy = container(injectedTemplate(deployment({}, 'cart')), 'istio-proxy')!;
    expect(env(proxy, 'ISTIO_META_WORKLOAD_NAME')).toBe('cart');
    expect(env(proxy, 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/shop/deployments/cart');
    expect(env(proxy, 'ISTIO_META_APP_CONTAINERS')).toBe('app');
    expect(JSON.parse(env(proxy, 'ISTIO_META_POD_PORTS')!)).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(env(proxy, 'ISTIO_META_CLUSTER_ID')).toBe('Kubernetes');
    expect(env(proxy, 'TRUST_DOMAIN')).toBe('cluster.local');
  });

  it("uses the pinned image unless asked for the chart's own", () => {
    expect(container(injectedTemplate(deployment()), 'istio-proxy')!.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(container(injectedTemplate(deployment(), { pinned: false }), 'istio-proxy')!.image).toBe(
      'registry.istio.io/testing/proxyv2:latest',
    );
    const typed = injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/proxyImageType': 'distroless' } }));
    expect(container(typed, 'istio-proxy')!.image).toBe('docker.io/istio/proxyv2:1.30.3-distroless');
  });

  it('adds the global image pull secrets and policy', () => {
    const t = injectedTemplate(deployment(), { values: [{ global: { imagePullSecrets: ['regcred'], imagePullPolicy: 'Always' } }] });
    expect(at(t, 'spec', 'imagePullSecrets')).toEqual([{ name: 'regcred' }]);
    expect(container(t, 'istio-proxy')!.imagePullPolicy).toBe('Always');
    expect(JSON.parse(String(at(t, 'metadata', 'annotations', 'sidecar.istio.io/status'))).imagePullSecrets).toEqual(['regcred']);
  });
});

describe('a revisioned sidecar', () => {
  it("talks to the revision's istiod and is labelled with the revision", () => {
    const t = injectedTemplate(deployment(), { revision: 'canary' });
    const proxy = container(t, 'istio-proxy')!;
    expect(env(proxy, 'CA_ADDR')).toBe('istiod-canary.istio-system.svc:15012');
    expect(JSON.parse(env(proxy, 'PROXY_CONFIG')!)).toEqual({ discoveryAddress: 'istiod-canary.istio-system.svc:15012' });
    expect(at(t, 'metadata', 'annotations', 'istio.io/rev')).toBe('canary');
    expect(JSON.parse(String(at(t, 'metadata', 'annotations', 'sidecar.istio.io/status'))).revision).toBe('canary');
  });
});
