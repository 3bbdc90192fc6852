import { exposureRouting, type RoutingStrategy, strategyRoutes, strategyVersions } from '../../src/constructs/mesh-service-routing';
import { StringMatch } from '../../src/model/traffic/string-match';

const to = (subset?: string, weight?: number) => ({
  host: 'h',
  ...(subset ? { subset } : {}),
  ...(weight !== undefined ? { weight } : {}),
});

describe('routing strategies', () => {
  test('name the versions they route to', () => {
    expect(strategyVersions(undefined)).toEqual([]);
    expect(strategyVersions({ kind: 'canary', options: { stable: 'a', canary: 'b', weight: 1 } })).toEqual(['a', 'b']);
    expect(strategyVersions({ kind: 'blueGreen', options: { active: 'a' } })).toEqual(['a']);
    expect(strategyVersions({ kind: 'blueGreen', options: { active: 'a', preview: 'b' } })).toEqual(['a', 'b']);
    expect(
      strategyVersions({ kind: 'abTest', options: { header: 'x', match: StringMatch.exact('y'), variant: 'v', control: 'c' } }),
    ).toEqual(['v', 'c']);
  });

  test('without a strategy, one default route to the host', () => {
    expect(strategyRoutes(undefined, to)).toEqual([{ name: 'default', destinations: [{ host: 'h' }] }]);
  });

  test('a canary splits by weight', () => {
    const s: RoutingStrategy = { kind: 'canary', options: { stable: 'a', canary: 'b', weight: 30 } };
    expect(strategyRoutes(s, to)).toEqual([
      {
        name: 'canary',
        destinations: [
          { host: 'h', subset: 'a', weight: 70 },
          { host: 'h', subset: 'b', weight: 30 },
        ],
      },
    ]);
  });

  test('blue/green puts the preview route first, matched by x-preview: true by default', () => {
    const routes = strategyRoutes({ kind: 'blueGreen', options: { active: 'a', preview: 'b' } }, to);
    expect(routes.map((r) => r.name)).toEqual(['preview', 'active']);
    expect(routes[0].match).toEqual([{ headers: { 'x-preview': StringMatch.exact('true') } }]);
  });

  test('an A/B test routes matching requests to the variant', () => {
    const match = StringMatch.prefix('beta');
    const routes = strategyRoutes({ kind: 'abTest', options: { header: 'x-group', match, variant: 'v', control: 'c' } }, to);
    expect(routes).toEqual([
      { name: 'variant', match: [{ headers: { 'x-group': match } }], destinations: [{ host: 'h', subset: 'v' }] },
      { name: 'control', destinations: [{ host: 'h', subset: 'c' }] },
    ]);
  });
});

describe('exposureRouting', () => {
  const gateway = (hosts: string[]) => ({ gatewayName: 'public', namespace: 'edge', hosts });

  test('adds nothing without exposures', () => {
    expect(exposureRouting([], 'shop')).toEqual({ hosts: [], gateways: [], problems: [] });
  });

  test("takes the gateway's hosts unless given, keeps mesh, and reports wildcards and empty gateways", () => {
    const g = gateway(['a.example.com']);
    expect(exposureRouting([{ gateway: g }], 'shop')).toEqual({ hosts: ['a.example.com'], gateways: ['mesh', g], problems: [] });
    expect(exposureRouting([{ gateway: g, hosts: ['b.example.com'] }], 'shop').hosts).toEqual(['b.example.com']);
    expect(exposureRouting([{ gateway: gateway(['*.example.com']) }], 'shop').problems).toEqual([
      expect.stringMatching(/host '\*.example.com' is a wildcard/),
    ]);
    expect(exposureRouting([{ gateway: gateway([]) }], 'shop').problems).toEqual([
      expect.stringMatching(/^exposeThrough\(\): gateway 'edge\/public' has no hosts yet/),
    ]);
    expect(exposureRouting([{ gateway: g, hosts: [] }], 'shop').problems).toEqual([expect.stringMatching(/hosts is empty/)]);
  });

  test('by default takes only the hosts the gateway offers to the service namespace', () => {
    const serverHosts = ['shop/shop.example.com', 'blog/blog.example.com', '*/all.example.com', './edge.example.com', 'plain.example.com'];
    const g = { gatewayName: 'public', namespace: 'edge', hosts: [], serverHosts };
    expect(exposureRouting([{ gateway: g }], 'shop').hosts).toEqual(['shop.example.com', 'all.example.com', 'plain.example.com']);
    expect(exposureRouting([{ gateway: g }], 'edge').hosts).toEqual(['all.example.com', 'edge.example.com', 'plain.example.com']);
    // A service without a namespace is in `default`, as kubectl applies it.
    expect(exposureRouting([{ gateway: g }], undefined).hosts).toEqual(['all.example.com', 'plain.example.com']);
  });

  test('fails with the fix when the gateway offers no host to the service namespace', () => {
    const g = { gatewayName: 'public', namespace: 'edge', hosts: [], serverHosts: ['blog/blog.example.com', './edge.example.com'] };
    expect(exposureRouting([{ gateway: g }], 'shop')).toEqual({
      hosts: [],
      gateways: ['mesh'],
      problems: [
        "exposeThrough(): gateway 'edge/public' offers none of its hosts (blog/blog.example.com, ./edge.example.com) to namespace 'shop': " +
          "add a server host 'shop/<host>' or '*/<host>' to the gateway, or pass `hosts`",
      ],
    });
    expect(exposureRouting([{ gateway: g, hosts: ['shop.example.com'] }], 'shop').problems).toEqual([]);
  });
});
