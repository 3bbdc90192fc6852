import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { k8sGateways, type Listener } from '../../../../../src/engine/analysis/rules/gateways/gateway-api';
import {
  admitsHostnames,
  admitsKind,
  admitsNamespace,
  listenersFor,
  routeKindsOf,
} from '../../../../../src/engine/analysis/rules/gateways/listener-admission';
import { k8sGateway, namespace } from '../../../../support/gateway-objects';

const listener = (raw: Record<string, unknown>): Listener => {
  const [gw] = k8sGateways(new ObjectIndex([k8sGateway('edge', 'istio-ingress', [{ name: 'l', port: 80, ...raw }])]));
  return gw.listeners[0];
};
const kinds = (raw: Record<string, unknown>) => routeKindsOf(listener(raw))?.map((k) => k.kind);

describe('listener admission', () => {
  test('listenersFor picks listeners by sectionName and port, every listener without either', () => {
    const [gw] = k8sGateways(
      new ObjectIndex([
        k8sGateway('edge', 'istio-ingress', [
          { name: 'a', port: 80, protocol: 'HTTP' },
          { name: 'b', port: 443, protocol: 'HTTPS' },
        ]),
      ]),
    );
    const pick = (ref: { sectionName?: string; port?: number }) =>
      listenersFor(gw, { group: '', kind: 'Gateway', namespace: 'istio-ingress', name: 'edge', ...ref }).map((l) => l.name);
    expect(pick({})).toEqual(['a', 'b']);
    expect(pick({ sectionName: 'b' })).toEqual(['b']);
    expect(pick({ port: 80 })).toEqual(['a']);
    expect(pick({ sectionName: 'a', port: 443 })).toEqual([]);
  });

  test('route kinds follow the protocol as Istio supports it, narrowed by allowedRoutes.kinds', () => {
    expect(kinds({ protocol: 'HTTP' })).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(kinds({ protocol: 'HTTPS' })).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(kinds({ protocol: 'TCP' })).toEqual(['TCPRoute']);
    expect(kinds({ protocol: 'TLS', tls: { mode: 'Passthrough' } })).toEqual(['TLSRoute']);
    expect(kinds({ protocol: 'TLS', tls: { certificateRefs: [] } })).toEqual(['TLSRoute', 'TCPRoute']);
    expect(kinds({ protocol: 'UDP' })).toEqual([]);
    expect(kinds({ protocol: 'HBONE' })).toBeUndefined();
    expect(kinds({ protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }, { kind: 'TCPRoute' }] } })).toEqual(['GRPCRoute']);
    expect(kinds({ protocol: 'HTTP', allowedRoutes: { kinds: [] } })).toEqual(['HTTPRoute', 'GRPCRoute']);
  });

  test('admitsKind is true for an unjudged protocol and false for a kind outside the list', () => {
    expect(admitsKind(listener({ protocol: 'HBONE' }), 'HTTPRoute')).toBe(true);
    expect(admitsKind(listener({ protocol: 'TCP' }), 'HTTPRoute')).toBe(false);
    expect(admitsKind(listener({ protocol: 'HTTP', allowedRoutes: { kinds: [{ group: 'x.io', kind: 'HTTPRoute' }] } }), 'HTTPRoute')).toBe(
      false,
    );
  });

  test('admitsNamespace: Same by default, All, and a selector judged by labels of a Namespace in the input', () => {
    const index = new ObjectIndex([namespace('istio-ingress')]);
    expect(admitsNamespace(index, listener({ protocol: 'HTTP' }), 'istio-ingress', 'shop')).toBe(false);
    expect(admitsNamespace(index, listener({ protocol: 'HTTP' }), 'istio-ingress', 'istio-ingress')).toBe(true);
    expect(
      admitsNamespace(index, listener({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }), 'istio-ingress', 'shop'),
    ).toBe(true);
    const byTeam = listener({
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
    });
    expect(admitsNamespace(index, byTeam, 'istio-ingress', 'shop')).toBe(true); // shop's labels are unknown
  });

  test('admitsHostnames: no route hostnames match any listener; otherwise one must intersect', () => {
    expect(admitsHostnames(listener({ protocol: 'HTTP', hostname: 'a.example.com' }), [])).toBe(true);
    expect(admitsHostnames(listener({ protocol: 'HTTP', hostname: '*.example.com' }), ['x.test', 'a.example.com'])).toBe(true);
    expect(admitsHostnames(listener({ protocol: 'HTTP', hostname: '*.example.com' }), ['example.com'])).toBe(false);
  });
});
