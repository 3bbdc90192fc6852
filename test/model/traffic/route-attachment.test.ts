import { type ListenerSpec } from '../../../src/model/traffic/gateway-api';
import {
  admitsHostnames,
  admitsKind,
  type AttachableListener,
  describeKinds,
  listenersFor,
  routeAttachment,
  routeKindsOf,
  supportedKinds,
} from '../../../src/model/traffic/route-attachment';

const listener = (over: Partial<AttachableListener>): AttachableListener => ({ name: 'l', port: 80, protocol: 'HTTP', ...over });
const kinds = (over: Partial<AttachableListener>) => routeKindsOf(listener(over))?.map((k) => k.kind);
const unknown = () => undefined;
const route = (namespace: string, hostnames: string[] = [], kind = 'HTTPRoute') => ({ namespace, kind, hostnames });

describe('listenersFor', () => {
  test('picks listeners by sectionName and port, every listener without either', () => {
    const ls = [listener({ name: 'a', port: 80 }), listener({ name: 'b', port: 443, protocol: 'HTTPS' })];
    const pick = (choice: { sectionName?: string; port?: number }) => listenersFor(ls, choice).map((l) => l.name);
    expect(pick({})).toEqual(['a', 'b']);
    expect(pick({ sectionName: 'b' })).toEqual(['b']);
    expect(pick({ port: 80 })).toEqual(['a']);
    expect(pick({ sectionName: 'a', port: 443 })).toEqual([]);
  });
});

describe('routeKindsOf and admitsKind', () => {
  test('route kinds follow the protocol as Istio supports it, narrowed by allowedRoutes.kinds', () => {
    expect(kinds({ protocol: 'HTTP' })).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(kinds({ protocol: 'HTTPS' })).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(kinds({ protocol: 'TCP' })).toEqual(['TCPRoute']);
    expect(kinds({ protocol: 'TLS', tls: { mode: 'Passthrough' } })).toEqual(['TLSRoute']);
    expect(kinds({ protocol: 'TLS', tls: {} })).toEqual(['TLSRoute', 'TCPRoute']);
    expect(kinds({ protocol: 'UDP' })).toEqual([]);
    expect(kinds({ protocol: 'HBONE' })).toBeUndefined();
    expect(kinds({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }, { kind: 'TCPRoute' }] } })).toEqual(['GRPCRoute']);
    expect(kinds({ allowedRoutes: { kinds: [] } })).toEqual(['HTTPRoute', 'GRPCRoute']);
  });

  test('supportedKinds ignores allowedRoutes.kinds: what the protocol carries', () => {
    const grpcOnly = listener({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } });
    expect(supportedKinds(grpcOnly)?.map((k) => k.kind)).toEqual(['HTTPRoute', 'GRPCRoute']);
  });

  test('admitsKind is true for an unjudged protocol and false for a kind outside the list or of another group', () => {
    expect(admitsKind(listener({ protocol: 'HBONE' }), 'HTTPRoute')).toBe(true);
    expect(admitsKind(listener({ protocol: 'TCP' }), 'HTTPRoute')).toBe(false);
    expect(admitsKind(listener({ allowedRoutes: { kinds: [{ group: 'x.io', kind: 'HTTPRoute' }] } }), 'HTTPRoute')).toBe(false);
    expect(describeKinds(listener({ name: 'raw', protocol: 'UDP' }))).toBe("'raw' (UDP) takes no kind");
  });
});

describe('admitsHostnames', () => {
  test('a route without hostnames matches any listener; otherwise one must intersect', () => {
    expect(admitsHostnames(listener({ hostname: 'a.example.com' }), [])).toBe(true);
    expect(admitsHostnames(listener({ hostname: '*.example.com' }), ['x.test', 'a.example.com'])).toBe(true);
    expect(admitsHostnames(listener({ hostname: '*.example.com' }), ['example.com'])).toBe(false);
  });
});

describe('routeAttachment', () => {
  const listeners: ListenerSpec[] = [
    { name: 'http', port: 80, protocol: 'HTTP', hostname: 'shop.example.com' },
    { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } },
  ];
  const judge = (choice: { sectionName?: string; port?: number }, r: ReturnType<typeof route>) => {
    const { problem, listeners: concerned } = routeAttachment(listeners, choice, 'edge', r, unknown);
    return [problem, concerned.map((l) => l.name)];
  };

  test('attaches a route a listener takes by namespace, kind and hostname', () => {
    expect(judge({}, route('edge', ['shop.example.com']))).toEqual([undefined, ['http']]);
  });

  test('admits namespaces as Istio reads allowedRoutes for routes: a Selector without selector admits all', () => {
    const open = [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector' } } }];
    expect(routeAttachment(open, {}, 'edge', route('shop'), unknown).problem).toBeUndefined();
  });

  test('names the first rule that fails, in the order Istio applies them, with the listeners concerned', () => {
    expect(judge({ sectionName: 'https' }, route('edge'))).toEqual(['no-listener', []]);
    expect(judge({ sectionName: 'http' }, route('shop'))).toEqual(['namespace', ['http']]);
    expect(judge({}, route('shop'))).toEqual(['kind', ['tcp']]);
    expect(judge({}, route('edge', ['blog.example.com']))).toEqual(['hostname', ['http']]);
    expect(judge({}, route('shop', [], 'TCPRoute'))).toEqual([undefined, ['tcp']]);
  });

  test('leaves hostnames of listeners in protocols it does not judge to their implementation', () => {
    const hbone = [{ name: 'mesh', port: 15008, protocol: 'HBONE', hostname: 'x.test' }];
    expect(routeAttachment(hbone, {}, 'edge', route('edge', ['y.test']), unknown).problem).toBeUndefined();
  });
});
