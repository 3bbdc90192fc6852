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
});
