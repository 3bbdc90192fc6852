import { appendMultusNetwork } from '../../../src/engine/injection/annotations';
import { deployment, injectedTemplate } from './support/workloads';
import { at } from '../../support/json';

describe('pod labels and annotations', () => {
  it('adds canonical service labels from app and version labels, else the workload name and latest', () => {
    const t = injectedTemplate(deployment({ labels: { version: 'v2' } }, 'cart'));
    expect(at(t, 'metadata', 'labels')).toMatchObject({
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': 'cart',
      'service.istio.io/canonical-revision': 'v2',
    });
  });

  it('trims a canonical name to 63 characters without a trailing dash', () => {
    const name = `${'a'.repeat(62)}-tail`;
    const t = injectedTemplate(deployment({ labels: { app: name } }));
    expect(at(t, 'metadata', 'labels', 'service.istio.io/canonical-name')).toBe('a'.repeat(62));
  });

  it('names the first app container as the default container unless the pod already does', () => {
    const t = injectedTemplate(deployment());
    expect(at(t, 'metadata', 'annotations', 'kubectl.kubernetes.io/default-container')).toBe('app');
    const own = injectedTemplate(deployment({ annotations: { 'kubectl.kubernetes.io/default-container': 'other' } }));
    expect(at(own, 'metadata', 'annotations', 'kubectl.kubernetes.io/default-container')).toBe('other');
  });

  it('adds the istio-cni network to Multus annotations once', () => {
    expect(appendMultusNetwork('', 'default/istio-cni')).toBe('default/istio-cni');
    expect(appendMultusNetwork('macvlan', 'default/istio-cni')).toBe('macvlan, default/istio-cni');
    expect(appendMultusNetwork('default/istio-cni', 'default/istio-cni')).toBe('default/istio-cni');
    expect(appendMultusNetwork('[{"name": "a"}]', 'default/istio-cni')).toBe(
      '[{"name": "a"}, {"name": "istio-cni", "namespace": "default"}]',
    );
  });

  it('labels the pod with its network when one is configured', () => {
    const t = injectedTemplate(deployment(), { set: ['global.network=net1'] });
    expect(at(t, 'metadata', 'labels', 'topology.istio.io/network')).toBe('net1');
  });
});
