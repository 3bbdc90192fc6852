import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import {
  gatewayRoutes,
  isServiceReference,
  k8sGateway as find,
  k8sGateways,
} from '../../../../../src/engine/analysis/rules/gateways/gateway-api';
import { httpRoute, k8sGateway, namespace, object } from '../../../../support/gateway-objects';

describe('Gateway API helpers', () => {
  test('route references get the Gateway API defaults: Gateway parents and Service backends in the route namespace', () => {
    const backend = {
      name: 'web',
      port: 80,
      filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', namespace: 'test', port: 81 } } }],
    };
    const [route] = gatewayRoutes(new ObjectIndex([httpRoute('web', 'shop', [{ name: 'edge', sectionName: 'https' }], [backend])]));
    expect(route.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop', name: 'edge', sectionName: 'https' },
    ]);
    expect(route.backendRefs).toEqual([
      { group: '', kind: 'Service', namespace: 'shop', name: 'web', port: 80 },
      { group: '', kind: 'Service', namespace: 'test', name: 'shadow', port: 81 },
    ]);
    expect(route.backendRefs.every(isServiceReference)).toBe(true);
  });

  test('reads GRPCRoutes too, but not other kinds', () => {
    const grpc = object('gateway.networking.k8s.io/v1', 'GRPCRoute', 'rpc', 'shop', { parentRefs: [{ name: 'edge' }] });
    const other = object('example.com/v1', 'HTTPRoute', 'x', 'shop', { parentRefs: [{ name: 'edge' }] });
    expect(gatewayRoutes(new ObjectIndex([grpc, other])).map((r) => r.entry.object.kind)).toEqual(['GRPCRoute']);
  });

  test('routes carry their kind and hostnames; listeners their allowedRoutes.kinds with the group defaulted', () => {
    const route = object('gateway.networking.k8s.io/v1', 'HTTPRoute', 'web', 'shop', { hostnames: ['a.example.com'] });
    const tcp = object('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', 'db', 'shop', {});
    expect(gatewayRoutes(new ObjectIndex([route, tcp])).map((r) => [r.kind, r.hostnames])).toEqual([
      ['HTTPRoute', ['a.example.com']],
      ['TCPRoute', []],
    ]);
    const kinds = [{ kind: 'HTTPRoute' }, { group: 'example.com', kind: 'Custom' }];
    const gw = k8sGateway('edge', 'shop', [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { kinds } }]);
    expect(k8sGateways(new ObjectIndex([gw]))[0].listeners[0].allowedRoutes?.kinds).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
      { group: 'example.com', kind: 'Custom' },
    ]);
  });

  test('k8sGateways reads listeners and Hostname addresses, and finds a Gateway by namespace and name', () => {
    const gw = k8sGateway('edge', 'shop', [{ name: 'http', port: 80, protocol: 'http' }], {
      addresses: [
        { type: 'Hostname', value: 'gw.shop.svc.cluster.local' },
        { type: 'IPAddress', value: '10.0.0.1' },
      ],
    });
    const index = new ObjectIndex([gw, namespace('shop')]);
    expect(k8sGateways(index)[0].listeners).toEqual([{ name: 'http', port: 80, protocol: 'HTTP' }]);
    expect(k8sGateways(index)[0].hostnameAddresses).toEqual(['gw.shop.svc.cluster.local']);
    expect(find(index, 'shop', 'edge')?.name).toBe('edge');
    expect(find(index, 'other', 'edge')).toBeUndefined();
  });
});
