import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { destinationHostNotFound } from '../../../../../src/engine/analysis/rules/traffic/destination-host-not-found';

const service = {
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
};
const vs = (host: string) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { hosts: ['echo'], http: [{ route: [{ destination: { host } }] }] },
  },
});

describe('destinationHostNotFound', () => {
  test('fires for a host whose namespace is in the input but has no such Service', () => {
    const findings = destinationHostNotFound.check(new ObjectIndex([service, vs('ecko.shop.svc.cluster.local')]));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['IST0101', 'error']]);
    expect(findings[0].message).toMatch(/routes to host 'ecko.shop.svc.cluster.local', but no Service/);
  });

  test('fires for tcp and tls route destinations and http mirrors whose host has no Service', () => {
    const l4 = {
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'l4', namespace: 'shop' },
        spec: {
          hosts: ['echo'],
          http: [{ route: [{ destination: { host: 'echo' } }], mirrors: [{ destination: { host: 'shadow' } }] }],
          tcp: [{ route: [{ destination: { host: 'db' } }] }],
          tls: [{ match: [{ sniHosts: ['echo'] }], route: [{ destination: { host: 'echo' } }, { destination: { host: 'tls-gone' } }] }],
        },
      },
    };
    const findings = destinationHostNotFound.check(new ObjectIndex([service, l4]));
    expect(findings.map((f) => f.message.match(/(\S+ route #\d) routes to host '([^']+)'/)?.slice(1))).toEqual([
      ['http route #1', 'shadow'],
      ['tcp route #1', 'db'],
      ['tls route #1', 'tls-gone'],
    ]);
  });

  test('is quiet for an existing Service, by short or full name', () => {
    expect(destinationHostNotFound.check(new ObjectIndex([service, vs('echo'), vs('echo.shop.svc.cluster.local')]))).toEqual([]);
  });

  test('is quiet for external hosts, ServiceEntry hosts and namespaces the input does not describe', () => {
    const entry = {
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'legacy', namespace: 'shop' },
        spec: { hosts: ['legacy.shop.svc.cluster.local'] },
      },
    };
    expect(
      destinationHostNotFound.check(
        new ObjectIndex([
          service,
          entry,
          vs('api.example.com'),
          vs('legacy.shop.svc.cluster.local'),
          vs('other.elsewhere.svc.cluster.local'),
        ]),
      ),
    ).toEqual([]);
  });
});
