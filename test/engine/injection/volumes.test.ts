import { container, deployment, env, injectedTemplate, names } from './support/workloads';
import { at, list } from '../../support/json';

describe('proxy volumes', () => {
  it("adds the proxy volumes after the pod's own, mounted in the proxy", () => {
    const t = injectedTemplate(
      deployment({ spec: { containers: [{ name: 'app', image: 'a' }], volumes: [{ name: 'data', emptyDir: {} }] } }),
    );
    expect(names(at(t, 'spec', 'volumes'))).toEqual([
      'workload-socket',
      'credential-socket',
      'workload-certs',
      'istio-envoy',
      'istio-data',
      'istio-podinfo',
      'istio-token',
      'istiod-ca-cert',
      'istio-ca-crl',
      'data',
    ]);
    expect(names(container(t, 'istio-proxy')!.volumeMounts)).toContain('istio-token');
    const token = list(t, 'spec', 'volumes').find((v) => v.name === 'istio-token');
    expect(at(token, 'projected', 'sources', 0, 'serviceAccountToken', 'audience')).toBe('istio-ca');
  });

  it('adds the user volumes and mounts named in the pod annotations', () => {
    const t = injectedTemplate(
      deployment({
        annotations: {
          'sidecar.istio.io/userVolume': '{"certs":{"secret":{"secretName":"my-certs"}}}',
          'sidecar.istio.io/userVolumeMount': '{"certs":{"mountPath":"/etc/my-certs","readOnly":true}}',
        },
      }),
    );
    expect(at(t, 'spec', 'volumes')).toContainEqual({ name: 'certs', secret: { secretName: 'my-certs' } });
    expect(container(t, 'istio-proxy')!.volumeMounts).toContainEqual({ name: 'certs', mountPath: '/etc/my-certs', readOnly: true });
  });

  it('mounts a custom bootstrap config map and tells the agent where it is', () => {
    const t = injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/bootstrapOverride': 'my-bootstrap' } }));
    expect(at(t, 'spec', 'volumes')).toContainEqual({ name: 'custom-bootstrap-volume', configMap: { name: 'my-bootstrap' } });
    expect(env(container(t, 'istio-proxy'), 'ISTIO_BOOTSTRAP_OVERRIDE')).toBe('/etc/istio/custom-bootstrap/custom_bootstrap.json');
  });

  it('mounts the mTLS certificate secret of the service account when asked', () => {
    const t = injectedTemplate(deployment({ spec: { serviceAccountName: 'cart', containers: [{ name: 'app', image: 'a' }] } }), {
      set: ['global.mountMtlsCerts=true'],
    });
    expect(at(t, 'spec', 'volumes')).toContainEqual({ name: 'istio-certs', secret: { optional: true, secretName: 'istio.cart' } });
  });

  it('rejects a user volume annotation that is not a JSON map', () => {
    expect(() => injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/userVolume': 'nope' } }))).toThrow(/userVolume/);
  });
});
