import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { type SourcedObject } from '../../../../../src/engine/analysis/rule';
import { gatewayRoutes, k8sGateways } from '../../../../../src/engine/analysis/rules/gateways/gateway-api';
import { attachmentOf } from '../../../../../src/engine/analysis/rules/gateways/listener-admission';
import { httpRoute, k8sGateway } from '../../../../support/gateway-objects';

const labeledNamespace = (name: string, labels: Record<string, string>): SourcedObject => ({
  object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
});
const byTeam = k8sGateway('edge', 'istio-ingress', [
  {
    name: 'http',
    port: 80,
    protocol: 'HTTP',
    allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
  },
]);

/** The attachment of an HTTPRoute of `ns` to istio-ingress/edge, with the input's other objects. */
const problemOf = (ns: string, ...others: SourcedObject[]) => {
  const index = new ObjectIndex([byTeam, httpRoute('web', ns, [{ name: 'edge', namespace: 'istio-ingress' }]), ...others]);
  const [route] = gatewayRoutes(index);
  const [gateway] = k8sGateways(index);
  return attachmentOf(index, gateway, route.parentRefs[0], route).problem;
};

describe('attachmentOf', () => {
  test("judges a listener's namespace selector by the labels of the route's Namespace in the input", () => {
    expect(problemOf('shop', labeledNamespace('shop', { team: 'a' }))).toBeUndefined();
    expect(problemOf('shop', labeledNamespace('shop', { team: 'b' }))).toBe('namespace');
  });

  test('gives a selector the benefit of the doubt when the Namespace is not in the input', () => {
    expect(problemOf('shop')).toBeUndefined();
  });
});
