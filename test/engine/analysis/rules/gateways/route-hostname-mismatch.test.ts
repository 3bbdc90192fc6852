import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routeHostnameMismatch } from '../../../../../src/engine/analysis/rules/gateways/route-hostname-mismatch';
import { k8sGateway, namespace, object } from '../../../../support/gateway-objects';

const all = { namespaces: { from: 'All' } };
const edge = k8sGateway('edge', 'istio-ingress', [
  { name: 'shop', port: 80, protocol: 'HTTP', hostname: 'shop.example.com', allowedRoutes: all },
  { name: 'wild', port: 8080, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: all },
  { name: 'any', port: 8081, protocol: 'HTTP', allowedRoutes: all },
  { name: 'own', port: 8082, protocol: 'HTTP', hostname: 'own.example.com' },
  { name: 'tcp', port: 5432, protocol: 'TCP', hostname: 'db.example.com', allowedRoutes: all },
]);
const route = (hostnames: string[] | undefined, parentRef: Record<string, unknown>, kind = 'HTTPRoute') =>
  object('gateway.networking.k8s.io/v1', kind, 'web', 'shop', {
    parentRefs: [{ name: 'edge', namespace: 'istio-ingress', ...parentRef }],
    ...(hostnames ? { hostnames } : {}),
  });
const check = (...routes: ReturnType<typeof route>[]) =>
  routeHostnameMismatch.check(new ObjectIndex([namespace('istio-ingress'), namespace('shop'), edge, ...routes]));

describe('routeHostnameMismatch', () => {
  test('fires for hostnames that intersect none of the chosen listener hostnames', () => {
    const findings = check(route(['shop.example.org'], { sectionName: 'shop' }));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['CDK8SI056', 'error']]);
    expect(findings[0].message).toMatch(
      /HTTPRoute shop\/web: hostnames shop.example.org match none of the hostnames of listener\(s\) 'shop' \(shop.example.com\) of Gateway istio-ingress\/edge, so the route is not attached there; add a hostname/,
    );
    expect(findings[0].objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['HTTPRoute web', 'Gateway edge']);
  });

  test('a wildcard listener does not serve its apex domain', () => {
    expect(check(route(['example.com'], { sectionName: 'wild' })).map((f) => f.code)).toEqual(['CDK8SI056']);
  });

  test('is quiet for exact, wildcard (either side) and absent hostnames, and a listener without hostname', () => {
    expect(
      check(
        route(['shop.example.com'], { sectionName: 'shop' }),
        route(['api.example.com'], { sectionName: 'wild' }),
        route(['*.example.com'], { sectionName: 'shop' }),
        route(undefined, { sectionName: 'shop' }),
        route(['anything.test'], { sectionName: 'any' }),
      ),
    ).toEqual([]);
  });

  test('is quiet when some listener the parentRef selects serves a hostname (no sectionName: every listener)', () => {
    expect(check(route(['shop.example.org', 'anything.test'], {}))).toEqual([]);
    expect(check(route(['shop.example.org'], { port: 80 })).map((f) => f.code)).toEqual(['CDK8SI056']);
  });

  test("leaves listeners that refuse the route's namespace or kind to CDK8SI050", () => {
    expect(check(route(['shop.example.org'], { sectionName: 'own' }))).toEqual([]);
    expect(check(route(['shop.example.org'], { sectionName: 'tcp' }))).toEqual([]);
    expect(check(route(['shop.example.org'], { sectionName: 'nope' }))).toEqual([]);
  });

  test('is quiet for parents that are not Gateway API Gateways of the input', () => {
    expect(
      check(route(['shop.example.org'], { name: 'missing' }), route(['shop.example.org'], { group: '', kind: 'Service', name: 'web' })),
    ).toEqual([]);
  });
});
