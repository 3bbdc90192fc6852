import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import {
  gatewayPods,
  inputHasGatewayPods,
  istioGateways,
  isGatewayWorkload,
  selectorText,
} from '../../../../../src/engine/analysis/rules/gateways/istio-gateways';
import { deployment, gatewayDeployment, httpServer, istioGateway, object } from '../../../../support/gateway-objects';

describe('istio gateway helpers', () => {
  test('istioGateways reads servers with defaults and labels, and ignores Gateway API Gateways', () => {
    const gw = istioGateway('public', 'shop', [
      { ...httpServer(['*'], 80), name: 'web' },
      { port: { number: 443, protocol: 'https' }, hosts: ['*'] },
    ]);
    const apiGateway = object('gateway.networking.k8s.io/v1', 'Gateway', 'edge', 'shop');
    const [read, ...rest] = istioGateways(new ObjectIndex([gw, apiGateway]));
    expect(rest).toEqual([]);
    expect(read.servers.map((s) => [s.label, s.port, s.protocol, s.bind])).toEqual([
      ["server 'web'", 80, 'HTTP', ''],
      ['server #2', 443, 'HTTPS', ''],
    ]);
  });

  test('selectorText sorts the labels', () => {
    expect(selectorText({ istio: 'ingressgateway', app: 'x' })).toBe('app=x,istio=ingressgateway');
  });

  test('a gateway workload runs the injector gateway template or a router proxy; an application does not', () => {
    const index = new ObjectIndex([
      gatewayDeployment(),
      object('apps/v1', 'Deployment', 'legacy', 'istio-system', {
        template: { metadata: { labels: { istio: 'legacy' } }, spec: { containers: [{ name: 'istio-proxy', args: ['proxy', 'router'] }] } },
      }),
      deployment('web', 'shop', { app: 'web' }),
    ]);
    expect(index.workloads.map(isGatewayWorkload)).toEqual([true, true, false]);
    expect(inputHasGatewayPods(index)).toBe(true);
    expect(inputHasGatewayPods(new ObjectIndex([deployment('web', 'shop', { app: 'web' })]))).toBe(false);
  });

  test('gatewayPods finds the selected pods in every namespace', () => {
    const index = new ObjectIndex([gatewayDeployment('a'), gatewayDeployment('b'), istioGateway('public', 'shop', [httpServer()])]);
    expect(gatewayPods(index, istioGateways(index)[0]).map((w) => w.namespace)).toEqual(['a', 'b']);
  });
});
