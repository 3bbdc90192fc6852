import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routeParentNotFound } from '../../../../../src/engine/analysis/rules/gateways/route-parent-not-found';
import { httpRoute, k8sGateway, namespace, object, service } from '../../../../support/gateway-objects';

const all = { namespaces: { from: 'All' } };
const edge = k8sGateway('edge', 'istio-ingress', [
  { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all },
  { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all },
]);
const web = service('web', 'shop', [{ name: 'http', port: 80 }]);
const check = (parentRefs: Record<string, unknown>[]) =>
  routeParentNotFound.check(
    new ObjectIndex([namespace('istio-ingress'), namespace('shop'), edge, web, httpRoute('web', 'shop', parentRefs)]),
  );

describe('routeParentNotFound', () => {
  test('fires for a Gateway parent without namespace, which defaults to the route namespace', () => {
    const findings = check([{ name: 'edge' }]);
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI050']);
    expect(findings[0].message).toMatch(/HTTPRoute shop\/web: parentRef names Gateway shop\/edge, which is not in the input/);
  });

  test('fires for a sectionName or port no listener of the Gateway has, naming the listeners', () => {
    const [bySection] = check([{ name: 'edge', namespace: 'istio-ingress', sectionName: 'grpc' }]);
    expect(bySection.message).toMatch(
      /listener named 'grpc' of Gateway istio-ingress\/edge.*listeners: 'http' \(port 80\), 'https' \(port 443\)/,
    );
    expect(bySection.objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['HTTPRoute web', 'Gateway edge']);
    expect(check([{ name: 'edge', namespace: 'istio-ingress', sectionName: 'http', port: 443 }])[0].message).toMatch(
      /listener named 'http' on port 443/,
    );
  });

  test('fires for a mesh route (GAMMA) whose Service or Service port is missing', () => {
    expect(check([{ group: '', kind: 'Service', name: 'api' }])[0].message).toMatch(/names Service shop\/api, which is not in the input/);
    expect(check([{ group: '', kind: 'Service', name: 'web', port: 8080 }])[0].message).toMatch(
      /port 8080 of Service shop\/web, which exposes 80/,
    );
  });

  test('is quiet for existing parents: a Gateway, its listener by name and port, and a Service', () => {
    const refs = [
      { name: 'edge', namespace: 'istio-ingress' },
      { name: 'edge', namespace: 'istio-ingress', sectionName: 'https', port: 443 },
      { group: '', kind: 'Service', name: 'web', port: 80 },
    ];
    expect(check(refs)).toEqual([]);
  });

  describe("listeners whose allowedRoutes do not admit the route's namespace", () => {
    const byName = { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } };
    const byTeam = { from: 'Selector', selector: { matchLabels: { team: 'web' } } };
    const gateway = k8sGateway('edge', 'istio-ingress', [
      { name: 'same', port: 80, protocol: 'HTTP' },
      { name: 'by-name', port: 8080, protocol: 'HTTP', allowedRoutes: { namespaces: byName } },
      { name: 'by-team', port: 8081, protocol: 'HTTP', allowedRoutes: { namespaces: byTeam } },
      {
        name: 'by-expression',
        port: 8082,
        protocol: 'HTTP',
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [] } } },
      },
    ]);
    const attach = (sectionName: string | undefined, shop = namespace('shop')) =>
      routeParentNotFound.check(
        new ObjectIndex([
          namespace('istio-ingress'),
          shop,
          gateway,
          httpRoute('web', 'shop', [{ name: 'edge', namespace: 'istio-ingress', sectionName }]),
        ]),
      );

    test('fires for the default (routes of the Gateway namespace only), naming the listener and the fix', () => {
      const [finding] = attach('same');
      expect(finding.message).toMatch(
        /HTTPRoute shop\/web: parentRef attaches to listener\(s\) 'same' of Gateway istio-ingress\/edge, whose allowedRoutes do not admit routes of namespace 'shop'; set the listener's allowedRoutes/,
      );
      expect(attach('by-team')).toHaveLength(1);
    });

    test('is quiet when some listener admits it: by the namespace name, its labels, or a selector it cannot judge', () => {
      expect(attach(undefined)).toEqual([]);
      expect(attach('by-name')).toEqual([]);
      expect(attach('by-expression')).toEqual([]);
      const labeled = {
        ...namespace('shop'),
        object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web' } } },
      };
      expect(attach('by-team', labeled)).toEqual([]);
    });
  });

  describe('listeners that do not take the route kind', () => {
    const gateway = k8sGateway('edge', 'istio-ingress', [
      { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: all },
      { name: 'tcp-only', port: 8080, protocol: 'HTTP', allowedRoutes: { ...all, kinds: [{ kind: 'TCPRoute' }] } },
      { name: 'http-listed', port: 8081, protocol: 'HTTP', allowedRoutes: { ...all, kinds: [{ kind: 'HTTPRoute' }] } },
      {
        name: 'other-group',
        port: 8082,
        protocol: 'HTTP',
        allowedRoutes: { ...all, kinds: [{ group: 'example.com', kind: 'HTTPRoute' }] },
      },
      { name: 'passthrough', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: all },
      { name: 'terminate', port: 8443, protocol: 'TLS', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all },
      { name: 'mesh', port: 15008, protocol: 'HBONE', allowedRoutes: all },
    ]);
    const attach = (kind: string, sectionName: string) =>
      routeParentNotFound.check(
        new ObjectIndex([
          namespace('istio-ingress'),
          namespace('shop'),
          gateway,
          object('gateway.networking.k8s.io/v1', kind, 'web', 'shop', {
            parentRefs: [{ name: 'edge', namespace: 'istio-ingress', sectionName }],
          }),
        ]),
      );

    test('fires for an HTTPRoute on a TCP listener, or on an HTTP listener whose allowedRoutes.kinds leave it out', () => {
      const [onTcp] = attach('HTTPRoute', 'tcp');
      expect(onTcp.message).toMatch(
        /HTTPRoute shop\/web: parentRef attaches to listener\(s\) 'tcp' of Gateway istio-ingress\/edge, which do not take HTTPRoute: 'tcp' \(TCP\) takes TCPRoute; attach it to a listener whose protocol carries HTTPRoute \(HTTP or HTTPS\)/,
      );
      expect(onTcp.objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['HTTPRoute web', 'Gateway edge']);
      expect(attach('HTTPRoute', 'tcp-only')[0].message).toMatch(/'tcp-only' \(HTTP\) takes no kind/);
      expect(attach('HTTPRoute', 'other-group').map((f) => f.code)).toEqual(['CDK8SI050']);
      expect(attach('TCPRoute', 'passthrough').map((f) => f.code)).toEqual(['CDK8SI050']);
    });

    test('is quiet for kinds the listener takes, and for protocols it does not judge (HBONE)', () => {
      expect(attach('HTTPRoute', 'http-listed')).toEqual([]);
      expect(attach('TCPRoute', 'tcp')).toEqual([]);
      expect(attach('TLSRoute', 'passthrough')).toEqual([]);
      expect(attach('TCPRoute', 'terminate')).toEqual([]);
      expect(attach('HTTPRoute', 'mesh')).toEqual([]);
    });
  });

  test('is quiet for parents in a namespace the input does not hold, and for other kinds', () => {
    expect(
      check([
        { name: 'edge', namespace: 'elsewhere' },
        { group: 'example.com', kind: 'Proxy', name: 'x' },
      ]),
    ).toEqual([]);
  });
});
