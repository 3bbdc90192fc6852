import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { type SourcedObject } from '../../../../../src/engine/analysis/rule';
import { conflictingGateways } from '../../../../../src/engine/analysis/rules/gateways/conflicting-gateways';
import { gatewayDeployment, httpServer, istioGateway } from '../../../../support/gateway-objects';

const check = (...objects: SourcedObject[]) => conflictingGateways.check(new ObjectIndex([gatewayDeployment(), ...objects]));

describe('conflictingGateways', () => {
  test('fires on both Gateways when they claim the same host and port on the same pods', () => {
    const findings = check(
      istioGateway('a', 'shop', [httpServer(['shop.example.com'])]),
      istioGateway('b', 'blog', [httpServer(['shop.example.com', 'blog.example.com'])]),
    );
    expect(findings.map((f) => `${f.code} ${f.objects[0].name}`)).toEqual(['IST0145 a', 'IST0145 b']);
    expect(findings[0].message).toMatch(
      /Gateway shop\/a: server #1 \(port 80, hosts shop.example.com\) conflicts with Gateway\(s\) blog\/b on the same pods \(istio=ingressgateway\)/,
    );
    expect(findings[0].objects.map((o) => o.name)).toEqual(['a', 'b']);
  });

  test('fires for different selectors that match a common gateway pod', () => {
    const findings = check(
      istioGateway('a', 'shop', [httpServer(['*'])], { istio: 'ingressgateway' }),
      istioGateway('b', 'shop', [httpServer(['*'])], { app: 'istio-ingressgateway' }),
    );
    expect(findings).toHaveLength(2);
  });

  test('fires for equal selectors even when no pod of the input matches them', () => {
    expect(
      check(
        istioGateway('a', 'shop', [httpServer(['*'])], { istio: 'edge' }),
        istioGateway('b', 'shop', [httpServer(['*'])], { istio: 'edge' }),
      ),
    ).toHaveLength(2);
  });

  test('names five of many conflicting Gateways in input order and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => istioGateway(`g${i}`, 'shop', [httpServer(['*'])]));
    const [first] = check(...many);
    expect(first.message).toMatch(/conflicts with Gateway\(s\) shop\/g1, shop\/g2, shop\/g3, shop\/g4, shop\/g5 and 2 more on/);
    expect(first.objects).toHaveLength(6);
  });

  test('counts each other Gateway once when several hosts or pods meet it', () => {
    const two = [gatewayDeployment('a'), gatewayDeployment('b')];
    const findings = check(
      ...two,
      istioGateway('x', 'shop', [httpServer(['a.example.com', 'b.example.com'])]),
      istioGateway('y', 'shop', [httpServer(['a.example.com', 'b.example.com'])]),
    );
    expect(findings.map((f) => f.message.match(/conflicts with (.*) on the same/)?.[1])).toEqual([
      'Gateway(s) shop/y',
      'Gateway(s) shop/x',
    ]);
  });

  test('is quiet for different hosts, different ports, different binds, or different gateway pods', () => {
    expect(
      check(istioGateway('a', 'shop', [httpServer(['a.example.com'])]), istioGateway('b', 'shop', [httpServer(['b.example.com'])])),
    ).toEqual([]);
    expect(check(istioGateway('a', 'shop', [httpServer(['*'], 80)]), istioGateway('b', 'shop', [httpServer(['*'], 8080)]))).toEqual([]);
    expect(
      check(istioGateway('a', 'shop', [{ ...httpServer(['*']), bind: '10.0.0.1' }]), istioGateway('b', 'shop', [httpServer(['*'])])),
    ).toEqual([]);
    const egress = gatewayDeployment('istio-egress', { istio: 'egressgateway' }, 'egress');
    expect(
      check(
        egress,
        istioGateway('a', 'shop', [httpServer(['*'])]),
        istioGateway('b', 'shop', [httpServer(['*'])], { istio: 'egressgateway' }),
      ),
    ).toEqual([]);
  });
});
