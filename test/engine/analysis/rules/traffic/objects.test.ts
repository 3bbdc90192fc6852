import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import {
  destinationRules,
  destinationsOf,
  fullHost,
  httpRoutes,
  judgeableClusterHost,
  routeDestinations,
} from '../../../../../src/engine/analysis/rules/traffic/objects';

const service = { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: 'shop' } } };
const vs = {
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { hosts: ['echo'], http: [{ name: 'a', route: [{ destination: { host: 'echo' } }], mirror: { host: 'shadow' } }, 'junk'] },
  },
};
const dr = {
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'echo' },
    spec: { host: 'echo', subsets: [{ name: 'v1' }, {}] },
  },
};

describe('traffic rule helpers', () => {
  test('httpRoutes lists the well-formed routes with labels, destinationsOf includes the mirror', () => {
    const routes = httpRoutes(new ObjectIndex([vs]));
    expect(routes.map((r) => [r.label, r.namespace])).toEqual([["http route 'a'", 'shop']]);
    expect(destinationsOf(routes[0].route).map((d) => d.host)).toEqual(['echo', 'shadow']);
  });

  test('destinationsOf includes every entry of mirrors', () => {
    const route = { route: [{ destination: { host: 'echo' } }], mirrors: [{ destination: { host: 'a' } }, { percentage: 5 }] };
    expect(destinationsOf(route).map((d) => d.host)).toEqual(['echo', 'a']);
  });

  test('routeDestinations lists http, tcp and tls destinations with the label of their route', () => {
    const l4 = {
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          hosts: ['db'],
          tcp: [{ route: [{ destination: { host: 'db', port: { number: 5432 } } }] }],
          tls: ['junk', { match: [{ sniHosts: ['db'] }], route: [{ destination: { host: 'db-tls' } }, { weight: 1 }] }],
        },
      },
    };
    const found = routeDestinations(new ObjectIndex([vs, l4])).map((d) => [d.entry.object.metadata.name, d.label, d.destination.host]);
    expect(found).toEqual([
      ['echo', "http route 'a'", 'echo'],
      ['echo', "http route 'a'", 'shadow'],
      ['db', 'tcp route #1', 'db'],
      ['db', 'tls route #2', 'db-tls'],
    ]);
  });

  test('destinationRules keeps named subsets and defaults the namespace', () => {
    expect(destinationRules(new ObjectIndex([dr]))).toMatchObject([{ host: 'echo', namespace: 'default', subsets: [{ name: 'v1' }] }]);
  });

  test('judgeableClusterHost only judges in-cluster hosts of namespaces in the input', () => {
    const index = new ObjectIndex([service]);
    expect(judgeableClusterHost(index, 'echo', 'shop')).toBe(true);
    expect(judgeableClusterHost(index, 'x.shop.svc.cluster.local', 'shop')).toBe(true);
    expect(judgeableClusterHost(index, 'x.other.svc.cluster.local', 'shop')).toBe(false);
    expect(judgeableClusterHost(index, 'api.example.com', 'shop')).toBe(false);
    expect(judgeableClusterHost(index, '*.shop.svc.cluster.local', 'shop')).toBe(false);
  });

  test('fullHost completes short names from the namespace and leaves full names alone', () => {
    expect(fullHost('echo', 'shop')).toBe('echo.shop.svc.cluster.local');
    expect(fullHost('echo.web', 'shop')).toBe('echo.web.svc.cluster.local');
    expect(fullHost('echo.web.svc', 'shop')).toBe('echo.web.svc.cluster.local');
    expect(fullHost('api.example.com', 'shop')).toBe('api.example.com');
  });
});
