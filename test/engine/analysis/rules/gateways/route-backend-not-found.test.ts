import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routeBackendNotFound } from '../../../../../src/engine/analysis/rules/gateways/route-backend-not-found';
import { httpRoute, namespace, service } from '../../../../support/gateway-objects';

const web = service('web', 'shop', [{ name: 'http', port: 80 }]);
const parent = [{ name: 'edge', namespace: 'istio-ingress' }];
const check = (backendRefs: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  routeBackendNotFound.check(new ObjectIndex([namespace('shop'), web, httpRoute('web', 'shop', parent, backendRefs, extra)]));

describe('routeBackendNotFound', () => {
  test('fires for a backend Service that is not in the input', () => {
    const findings = check([{ name: 'wbe', port: 80 }]);
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI051']);
    expect(findings[0].message).toMatch(/HTTPRoute shop\/web sends requests to Service shop\/wbe, which is not in the input/);
  });

  test('fires for a port the Service does not expose, naming both objects', () => {
    const [f] = check([{ name: 'web', port: 8080, weight: 90 }]);
    expect(f.message).toMatch(/port 8080 of Service shop\/web, which exposes 80/);
    expect(f.objects.map((o) => o.kind)).toEqual(['HTTPRoute', 'Service']);
  });

  test('fires for a request mirror backend that is missing', () => {
    const extra = { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } }] };
    expect(check([{ name: 'web', port: 80 }], extra)[0].message).toMatch(/Service shop\/shadow/);
  });

  test('is quiet for an existing Service and port, other backend kinds, and namespaces the input does not hold', () => {
    const refs = [
      { name: 'web', port: 80 },
      { group: 'networking.istio.io', kind: 'Hostname', name: 'example.com', port: 443 },
      { name: 'api', namespace: 'elsewhere', port: 80 },
    ];
    expect(check(refs)).toEqual([]);
  });
});
