import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { virtualServiceHostNotInGateway } from '../../../../../src/engine/analysis/rules/gateways/vs-host-not-in-gateway';
import { httpServer, istioGateway, namespace, object } from '../../../../support/gateway-objects';

const vs = (name: string, ns: string, hosts: string[], gateways: string[]) =>
  object('networking.istio.io/v1', 'VirtualService', name, ns, { hosts, gateways, http: [{ route: [{ destination: { host: 'web' } }] }] });

/** Findings for VirtualServices bound to Gateway istio-ingress/public, whose one server has `gatewayHosts`. */
const check = (gatewayHosts: string[], ...services: ReturnType<typeof vs>[]) =>
  virtualServiceHostNotInGateway.check(
    new ObjectIndex([
      namespace('istio-ingress'),
      namespace('shop'),
      istioGateway('public', 'istio-ingress', [httpServer(gatewayHosts)]),
      ...services,
    ]),
  );

describe('virtualServiceHostNotInGateway (IST0132)', () => {
  test('fires for a VirtualService whose hosts share none of the Gateway server hosts', () => {
    const findings = check(['shop.example.com'], vs('web', 'shop', ['shop.example.org'], ['istio-ingress/public']));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['IST0132', 'warning']]);
    expect(findings[0].message).toMatch(
      /VirtualService shop\/web is bound to Gateway istio-ingress\/public, but none of its hosts \(shop.example.org\) is a host that Gateway accepts from namespace 'shop' \(shop.example.com\)/,
    );
    expect(findings[0].objects.map((o) => `${o.kind} ${o.namespace}/${o.name}`)).toEqual([
      'VirtualService shop/web',
      'Gateway istio-ingress/public',
    ]);
  });

  test('is quiet when one host matches exactly or through a wildcard on either side', () => {
    expect(check(['shop.example.com'], vs('a', 'shop', ['other.example.com', 'shop.example.com'], ['istio-ingress/public']))).toEqual([]);
    expect(check(['*.example.com'], vs('b', 'shop', ['shop.example.com'], ['istio-ingress/public']))).toEqual([]);
    expect(check(['shop.example.com'], vs('c', 'shop', ['*.example.com'], ['istio-ingress/public']))).toEqual([]);
    expect(check(['*'], vs('d', 'shop', ['anything.test'], ['istio-ingress/public']))).toEqual([]);
  });

  test('a wildcard does not cover its own apex domain', () => {
    expect(check(['*.example.com'], vs('web', 'shop', ['example.com'], ['istio-ingress/public'])).map((f) => f.code)).toEqual(['IST0132']);
  });

  test('honours the namespace part of server hosts: */host and shop/host admit shop, ./host and other/host do not', () => {
    const web = vs('web', 'shop', ['shop.example.com'], ['istio-ingress/public']);
    expect(check(['*/shop.example.com'], web)).toEqual([]);
    expect(check(['shop/shop.example.com'], web)).toEqual([]);
    expect(check(['*/*'], web)).toEqual([]);
    expect(check(['./shop.example.com'], web).map((f) => f.code)).toEqual(['IST0132']);
    expect(check(['billing/shop.example.com'], web)[0].message).toMatch(/accepts from namespace 'shop' \(none\)/);
  });

  test('./host admits VirtualServices of the Gateway namespace, named by a bare gateway name', () => {
    expect(check(['./shop.example.com'], vs('web', 'istio-ingress', ['shop.example.com'], ['public']))).toEqual([]);
  });

  test('is quiet for mesh, Gateways not in the input, and VirtualServices without hosts', () => {
    expect(check(['shop.example.com'], vs('a', 'shop', ['web'], ['mesh']))).toEqual([]);
    expect(check(['shop.example.com'], vs('b', 'shop', ['other.test'], ['istio-ingress/private', 'edge/public']))).toEqual([]);
    expect(check(['shop.example.com'], vs('c', 'shop', [], ['istio-ingress/public']))).toEqual([]);
  });
});
