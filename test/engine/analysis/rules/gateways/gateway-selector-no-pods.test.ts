import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { gatewaySelectorNoPods } from '../../../../../src/engine/analysis/rules/gateways/gateway-selector-no-pods';
import { deployment, gatewayDeployment, httpServer, istioGateway, object } from '../../../../support/gateway-objects';

const istiod = (scoped: boolean) =>
  object('apps/v1', 'Deployment', 'istiod', 'istio-system', {
    selector: { matchLabels: { app: 'istiod' } },
    template: {
      metadata: { labels: { app: 'istiod' } },
      spec: { containers: [{ name: 'discovery', env: [{ name: 'PILOT_SCOPE_GATEWAY_TO_NAMESPACE', value: String(scoped) }] }] },
    },
  });

describe('gatewaySelectorNoPods', () => {
  test('fires for a selector that matches none of the gateway pods of the input', () => {
    const gw = istioGateway('public', 'shop', [httpServer()], { istio: 'ingress' });
    const findings = gatewaySelectorNoPods.check(new ObjectIndex([gatewayDeployment(), gw]));
    expect(findings.map((f) => f.code)).toEqual(['IST0101']);
    expect(findings[0].message).toMatch(/Gateway shop\/public selects pods labeled istio=ingress, but no workload in any namespace/);
  });

  test('matches gateway pods in any namespace by default', () => {
    const gw = istioGateway('public', 'shop', [httpServer()]);
    expect(gatewaySelectorNoPods.check(new ObjectIndex([gatewayDeployment('istio-ingress'), gw, istiod(false)]))).toEqual([]);
  });

  test('matches only pods of the Gateway namespace when istiod sets PILOT_SCOPE_GATEWAY_TO_NAMESPACE=true', () => {
    const gw = istioGateway('public', 'shop', [httpServer()]);
    const findings = gatewaySelectorNoPods.check(new ObjectIndex([gatewayDeployment('istio-ingress'), gw, istiod(true)]));
    expect(findings[0].message).toMatch(/no workload in its namespace \(PILOT_SCOPE_GATEWAY_TO_NAMESPACE is on\)/);
    const local = istioGateway('public', 'istio-ingress', [httpServer()]);
    expect(gatewaySelectorNoPods.check(new ObjectIndex([gatewayDeployment('istio-ingress'), local, istiod(true)]))).toEqual([]);
  });

  test('is quiet when the input deploys no gateway pods at all (they are installed elsewhere)', () => {
    const gw = istioGateway('public', 'shop', [httpServer()], { istio: 'ingress' });
    expect(gatewaySelectorNoPods.check(new ObjectIndex([deployment('web', 'shop', { app: 'web' }), gw]))).toEqual([]);
  });

  test('is quiet for a Gateway without selector', () => {
    const gw = istioGateway('public', 'shop', [httpServer()], {});
    expect(gatewaySelectorNoPods.check(new ObjectIndex([gatewayDeployment(), gw]))).toEqual([]);
  });
});
