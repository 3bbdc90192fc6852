import { ApiObject, App, Chart } from 'cdk8s';
import { HttpRoute } from '../../../src/constructs/gateway-api/http-route';
import { attachmentProblems, backendProblems, ruleProblems } from '../../../src/constructs/gateway-api/http-route-checks';
import { type IKubernetesGateway, KubernetesGateway, type ListenerProps } from '../../../src/constructs/gateway-api/kubernetes-gateway';
import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { routeHostnameMismatch } from '../../../src/engine/analysis/rules/gateways/route-hostname-mismatch';
import { routeParentNotFound } from '../../../src/engine/analysis/rules/gateways/route-parent-not-found';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { IstioDuration } from '../../../src/model/traffic/duration';
import { HttpRouteFilter, PathModifier } from '../../../src/model/traffic/http-route-filter';
import { StringMatch } from '../../../src/model/traffic/string-match';

function gateway(listeners: ConstructorParameters<typeof KubernetesGateway>[2]['listeners']) {
  return new KubernetesGateway(new Chart(new App(), 'c', { namespace: 'edge' }), 'Gw', { name: 'public', listeners });
}
const backend = { service: { name: 'web' }, port: 80 };

describe('attachmentProblems', () => {
  const gw = gateway([
    { port: 80, protocol: 'HTTP', hostname: 'shop.example.com' },
    { port: 9000, protocol: 'TCP', allowedRoutes: { from: 'All' } },
  ]);

  test('is silent when a listener admits the route', () => {
    expect(attachmentProblems(gw, { gateway: gw }, 'edge', ['shop.example.com'])).toEqual([]);
    expect(attachmentProblems(gw, { gateway: KubernetesGateway.fromName('x') }, 'other', [])).toEqual([]);
  });

  test('names a missing listener, a port of no listener, another namespace, a listener of another kind and foreign hostnames', () => {
    expect(attachmentProblems(gw, { gateway: gw, listener: 'https' }, 'edge', [])).toEqual([
      expect.stringMatching(/^listener 'https' is not a listener of gateway 'public' \(it has 'http-80', 'tcp-9000'\)/),
    ]);
    expect(attachmentProblems(gw, { gateway: gw, port: 443 }, 'edge', [])).toEqual([
      expect.stringMatching(/^port 443 is not a port of the chosen listeners of gateway 'public': use one of 80, 9000/),
    ]);
    expect(attachmentProblems(gw, { gateway: gw, listener: 'tcp-9000' }, 'edge', [])).toEqual([
      expect.stringMatching(
        /^listener\(s\) 'tcp-9000' of gateway 'public' do not take HTTPRoute: 'tcp-9000' \(TCP\) takes TCPRoute: attach/,
      ),
    ]);
    expect(attachmentProblems(gw, { gateway: gw, listener: 'http-80' }, 'shop', [])).toEqual([
      expect.stringMatching(/^listener\(s\) 'http-80' of gateway 'public' in namespace 'edge' do not admit routes of namespace 'shop'/),
    ]);
    expect(attachmentProblems(gw, { gateway: gw }, 'edge', ['blog.example.com'])).toEqual([
      expect.stringMatching(/^hostnames blog.example.com match no listener hostname of gateway 'public' \(shop.example.com\)/),
    ]);
  });

  test("judges a namespace selector by the labels of the app's Namespace (the old check admitted any namespace)", () => {
    const teamA = gateway([{ port: 80, protocol: 'HTTP', allowedRoutes: { from: 'Selector', selector: { team: 'a' } } }]);
    const namespace = (name: string, labels: Record<string, string>) =>
      new ApiObject(Chart.of(teamA), `Ns-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    namespace('shop', { team: 'a' });
    namespace('blog', { team: 'b' });
    expect(attachmentProblems(teamA, { gateway: teamA }, 'shop', [])).toEqual([]);
    expect(attachmentProblems(teamA, { gateway: teamA }, 'other', [])).toEqual([]); // its labels are unknown
    expect(attachmentProblems(teamA, { gateway: teamA }, 'blog', [])).toEqual([
      expect.stringMatching(/do not admit routes of namespace 'blog': set the listener's allowedRoutes/),
    ]);
  });

  test('honours allowedRoutes.kinds of listeners given by a gateway of its own (the old check looked at the protocol only)', () => {
    const grpcOnly: IKubernetesGateway = {
      gatewayName: 'grpc',
      namespace: 'edge',
      listenerSpecs: () => [{ name: 'grpc', port: 80, protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } }],
    };
    expect(attachmentProblems(gw, { gateway: grpcOnly }, 'edge', [])).toEqual([
      expect.stringMatching(/^listener\(s\) 'grpc' of gateway 'grpc' do not take HTTPRoute: 'grpc' \(HTTP\) takes GRPCRoute/),
    ]);
  });
});

describe('attachmentProblems and the analysis (CDK8SI050, CDK8SI056) judge alike', () => {
  /** Name, listeners, the route's namespace and hostnames, the labels of namespace shop, how many problems. */
  type Case = [string, ListenerProps[], string, string[], Record<string, string>, number];
  const cases: Case[] = [
    ['attached', [{ port: 80, protocol: 'HTTP' }], 'edge', [], {}, 0],
    ['other namespace', [{ port: 80, protocol: 'HTTP' }], 'shop', [], {}, 1],
    [
      'selector matches',
      [{ port: 80, protocol: 'HTTP', allowedRoutes: { from: 'Selector', selector: { team: 'a' } } }],
      'shop',
      [],
      { team: 'a' },
      0,
    ],
    [
      'selector misses',
      [{ port: 80, protocol: 'HTTP', allowedRoutes: { from: 'Selector', selector: { team: 'a' } } }],
      'shop',
      [],
      { team: 'b' },
      1,
    ],
    ['TCP only', [{ port: 9000, protocol: 'TCP' }], 'edge', [], {}, 1],
    ['GRPCRoute only', [{ port: 80, protocol: 'HTTP', allowedRoutes: { kinds: ['GRPCRoute'] } }], 'edge', [], {}, 1],
    ['HTTPRoute listed', [{ port: 80, protocol: 'HTTP', allowedRoutes: { kinds: ['HTTPRoute'] } }], 'edge', [], {}, 0],
    ['hostname', [{ port: 80, protocol: 'HTTP', hostname: '*.example.com' }], 'edge', ['example.com'], {}, 1],
    ['wildcard', [{ port: 80, protocol: 'HTTP', hostname: '*.example.com' }], 'edge', ['a.example.com'], {}, 0],
  ];

  test.each(cases)('%s', (_, listeners, routeNamespace, hostnames, labels, expected) => {
    const app = new App();
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    const gw = new KubernetesGateway(edge, 'Gw', { name: 'public', listeners });
    new ApiObject(edge, 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels } });
    const routes = new Chart(app, 'routes', { namespace: routeNamespace });
    new HttpRoute(routes, 'Route', { name: 'web', parents: [gw], hostnames, rules: [{ backends: [backend] }] });
    const fromConstruct = attachmentProblems(routes, { gateway: gw }, routeNamespace, hostnames);
    const index = new ObjectIndex(
      app.node
        .findAll()
        .filter(ApiObject.isApiObject)
        .map((o) => ({ object: o.toJson() as KubeObject })),
    );
    const findings = [...routeParentNotFound.check(index), ...routeHostnameMismatch.check(index)];
    expect([fromConstruct.length, findings.length]).toEqual([expected, expected]);
  });
});

describe('ruleProblems', () => {
  test('is silent on a plain rule with a backend', () => {
    expect(ruleProblems({ matches: [{ path: StringMatch.prefix('/') }], backends: [backend] }, 'rule #1').filter((p) => p)).toEqual([]);
  });

  test('reports repeated filters, redirect with rewrite or backends, prefix header matches, prefix rewrites on exact paths, timeouts', () => {
    const problems = ruleProblems(
      {
        matches: [{ path: StringMatch.exact('/a'), headers: { x: StringMatch.prefix('y') }, method: 'FETCH' }],
        filters: [
          HttpRouteFilter.requestHeaders({ set: { a: '1' } }),
          HttpRouteFilter.requestHeaders({ set: { b: '2' } }),
          HttpRouteFilter.redirect({ path: PathModifier.prefix('/b') }),
          HttpRouteFilter.rewrite({ hostname: 'x' }),
        ],
        backends: [backend],
        timeout: IstioDuration.seconds(1.5),
        backendTimeout: IstioDuration.seconds(2),
      },
      'rule #1',
    ).filter((p) => p);
    expect(problems).toEqual([
      expect.stringMatching(/^rule #1 method 'FETCH' is not an HTTP method/),
      expect.stringMatching(/^rule #1 header 'x' uses a prefix match, which Gateway API lacks/),
      expect.stringMatching(/^rule #1 has two RequestHeaderModifier filters/),
      expect.stringMatching(/^rule #1 both redirects and rewrites/),
      expect.stringMatching(/^rule #1 redirects, so its backends never get a request/),
      expect.stringMatching(/^rule #1 replaces the matched path prefix, so every match needs a path prefix/),
      expect.stringMatching(/^rule #1 timeout '1.5s' is not a Gateway API duration/),
      expect.stringMatching(/^rule #1 backendTimeout 2s exceeds timeout 1.5s/),
    ]);
  });
});

describe('backendProblems', () => {
  test('needs a port unless the Service has exactly one, and a port the Service has', () => {
    expect(backendProblems('rule #1', { name: 'web' }, 80, 1, undefined).filter((p) => p)).toEqual([]);
    expect(backendProblems('rule #1', { name: 'web' }, 80, 1, [8080]).filter((p) => p)).toEqual([
      expect.stringMatching(/^rule #1 backend port 80 is not a port of service 'web' \(it has 8080\)/),
    ]);
    expect(backendProblems('rule #1', { name: 'web' }, undefined, 1, [80, 81]).filter((p) => p)).toEqual([
      expect.stringMatching(/^rule #1 backend 'web' needs a port \(it has 80, 81\)/),
    ]);
    expect(backendProblems('rule #1', { name: 'web' }, 80, 2000000, undefined).filter((p) => p)).toEqual([
      expect.stringMatching(/weight 2000000 is out of range/),
    ]);
  });
});
