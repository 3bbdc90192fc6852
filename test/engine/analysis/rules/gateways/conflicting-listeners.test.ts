import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { conflictingListeners } from '../../../../../src/engine/analysis/rules/gateways/conflicting-listeners';
import { k8sGateway } from '../../../../support/gateway-objects';

const http = (name: string, hostname?: string, port = 80) => ({ name, port, protocol: 'HTTP', ...(hostname ? { hostname } : {}) });
const shared = { addresses: [{ type: 'Hostname', value: 'istio-ingressgateway.istio-ingress.svc.cluster.local' }] };

describe('conflictingListeners', () => {
  test('fires for two listeners of one Gateway on the same port and hostname', () => {
    const findings = conflictingListeners.check(
      new ObjectIndex([k8sGateway('edge', 'shop', [http('a', 'shop.example.com'), http('b', 'shop.example.com')])]),
    );
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI053']);
    expect(findings[0].message).toMatch(
      /listeners 'a' of Gateway shop\/edge, 'b' of Gateway shop\/edge all claim port 80 for hostname shop.example.com/,
    );
    expect(findings[0].objects.map((o) => o.name)).toEqual(['edge']);
  });

  test('fires for Gateways that share a deployment through the same Hostname address', () => {
    const findings = conflictingListeners.check(
      new ObjectIndex([k8sGateway('a', 'shop', [http('http')], shared), k8sGateway('b', 'blog', [http('http')], shared)]),
    );
    expect(findings[0].message).toMatch(/claim port 80 for every hostname/);
    expect(findings[0].objects.map((o) => `${o.namespace}/${o.name}`)).toEqual(['shop/a', 'blog/b']);
  });

  test('is quiet for Gateways with their own deployments, and for different hostnames or ports', () => {
    expect(
      conflictingListeners.check(new ObjectIndex([k8sGateway('a', 'shop', [http('http')]), k8sGateway('b', 'shop', [http('http')])])),
    ).toEqual([]);
    const listeners = [http('a', 'a.example.com'), http('b', 'b.example.com'), http('c', 'a.example.com', 8080)];
    expect(conflictingListeners.check(new ObjectIndex([k8sGateway('edge', 'shop', listeners)]))).toEqual([]);
  });
});
