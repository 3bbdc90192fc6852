import { App, Chart } from 'cdk8s';
import { attachmentProblems, backendProblems, ruleProblems } from '../../../src/constructs/gateway-api/http-route-checks';
import { KubernetesGateway } from '../../../src/constructs/gateway-api/kubernetes-gateway';
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
    expect(attachmentProblems({ gateway: gw }, 'edge', ['shop.example.com'])).toEqual([]);
    expect(attachmentProblems({ gateway: KubernetesGateway.fromName('x') }, 'other', [])).toEqual([]);
  });

  test('names a missing listener, a port of no listener, a non-HTTP listener, another namespace and foreign hostnames', () => {
    expect(attachmentProblems({ gateway: gw, listener: 'https' }, 'edge', [])).toEqual([
      expect.stringMatching(/^listener 'https' is not a listener of gateway 'public' \(it has http-80, tcp-9000\)/),
    ]);
    expect(attachmentProblems({ gateway: gw, port: 443 }, 'edge', [])).toEqual([
      expect.stringMatching(/^port 443 is not a port of the chosen listeners/),
    ]);
    expect(attachmentProblems({ gateway: gw, listener: 'tcp-9000' }, 'edge', [])).toEqual([
      expect.stringMatching(/has no HTTP or HTTPS listener/),
    ]);
    expect(attachmentProblems({ gateway: gw }, 'shop', [])).toEqual([
      expect.stringMatching(/admits routes of its own namespace only, and this route is in 'shop'/),
    ]);
    expect(attachmentProblems({ gateway: gw }, 'edge', ['blog.example.com'])).toEqual([
      expect.stringMatching(/^hostnames blog.example.com match no listener hostname/),
    ]);
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
