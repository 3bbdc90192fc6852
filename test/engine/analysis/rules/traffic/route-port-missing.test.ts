import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routePortMissing } from '../../../../../src/engine/analysis/rules/traffic/route-port-missing';

const service = {
  object: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 80 }] },
  },
};
const vs = (port: number) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { hosts: ['echo'], http: [{ route: [{ destination: { host: 'echo.shop.svc.cluster.local', port: { number: port } } }] }] },
  },
});

describe('routePortMissing', () => {
  test('fires for a route to port 8080 of a Service exposing 80', () => {
    const findings = routePortMissing.check(new ObjectIndex([service, vs(8080)]));
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI083']);
    expect(findings[0].message).toMatch(/routes to port 8080 of Service shop\/echo, which exposes 80/);
    expect(findings[0].objects.map((o) => o.kind)).toEqual(['VirtualService', 'Service']);
  });

  test('is quiet for a route to port 80', () => {
    expect(routePortMissing.check(new ObjectIndex([service, vs(80)]))).toEqual([]);
  });

  test('fires for tcp and tls routes to a port the Service lacks, and not for their existing port', () => {
    const l4 = (port: number) => ({
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: `l4-${port}`, namespace: 'shop' },
        spec: {
          hosts: ['echo'],
          tcp: [{ route: [{ destination: { host: 'echo', port: { number: port } } }] }],
          tls: [{ match: [{ sniHosts: ['echo'] }], route: [{ destination: { host: 'echo', port: { number: port } } }] }],
        },
      },
    });
    const findings = routePortMissing.check(new ObjectIndex([service, l4(5432), l4(80)]));
    expect(findings.map((f) => [f.objects[0].name, f.message.match(/(tcp|tls) route #1/)?.[0]])).toEqual([
      ['l4-5432', 'tcp route #1'],
      ['l4-5432', 'tls route #1'],
    ]);
  });
});
