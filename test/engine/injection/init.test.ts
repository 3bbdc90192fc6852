import { excludeInboundPorts } from '../../../src/engine/injection/init';
import { args, container, deployment, injectedTemplate } from './support/workloads';
import { at } from '../../support/json';

describe('the traffic init container', () => {
  it('adds the status port to the excluded inbound ports once', () => {
    expect(excludeInboundPorts('15020', '')).toBe('15020');
    expect(excludeInboundPorts('15020', '8080, 9090')).toBe('8080,9090,15020');
    expect(excludeInboundPorts('15020', '15020')).toBe('15020');
    expect(excludeInboundPorts('0', '8080')).toBe('8080');
  });

  it('passes the traffic annotations to istio-iptables', () => {
    const t = injectedTemplate(
      deployment({
        annotations: {
          'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
          'traffic.sidecar.istio.io/excludeOutboundPorts': '5432',
          'traffic.sidecar.istio.io/excludeInterfaces': 'eth1',
        },
      }),
    );
    const initArgs = args(container(t, 'istio-init'));
    expect(initArgs.slice(initArgs.indexOf('-i'), initArgs.indexOf('-i') + 2)).toEqual(['-i', '10.0.0.0/8']);
    expect(initArgs).toEqual(expect.arrayContaining(['-o', '5432', '-c', 'eth1']));
    expect(initArgs[initArgs.indexOf('-d') + 1]).toBe('15090,15021,15020');
  });

  it('becomes istio-validation with the CNI plugin, which reads the settings from pod annotations', () => {
    const t = injectedTemplate(deployment(), { set: ['pilot.cni.enabled=true'] });
    const validation = container(t, 'istio-validation')!;
    expect(validation.args).toEqual(expect.arrayContaining(['--run-validation', '--skip-rule-apply']));
    expect(validation.securityContext).toMatchObject({ runAsUser: 1337, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(at(t, 'metadata', 'annotations')).toMatchObject({
      'sidecar.istio.io/interceptionMode': 'REDIRECT',
      'traffic.sidecar.istio.io/excludeInboundPorts': '15020',
    });
  });

  it('is left out for interception mode NONE without native sidecars', () => {
    const t = injectedTemplate(deployment({ annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } }), { nativeSidecars: false });
    expect(at(t, 'spec', 'initContainers')).toBeUndefined();
  });

  it('uses the uid of a user-supplied istio-proxy for the iptables exemption', () => {
    const t = injectedTemplate(
      deployment({
        spec: {
          containers: [
            { name: 'app', image: 'a' },
            { name: 'istio-proxy', image: 'auto', securityContext: { runAsUser: 1234 } },
          ],
        },
      }),
    );
    const initArgs = args(container(t, 'istio-init'));
    expect(initArgs[initArgs.indexOf('-u') + 1]).toBe('1234');
  });
});
