import { gatewayApiCrdUnversioned } from '../../../../../src/engine/analysis/rules/ambient/gateway-api-crd-unversioned';
import { named, run } from '../../fixtures';
import { crd } from './fixtures';

describe('CDK8SI034 Gateway API CRD without a bundle version', () => {
  test('reports a checked CRD without the annotation, or with one that is not a version', () => {
    const findings = run(gatewayApiCrdUnversioned, [
      crd('grpcroutes.gateway.networking.k8s.io'),
      crd('tlsroutes.gateway.networking.k8s.io', 'main'),
    ]);
    expect(findings.map(named)).toEqual([
      ['CustomResourceDefinition grpcroutes.gateway.networking.k8s.io'],
      ['CustomResourceDefinition tlsroutes.gateway.networking.k8s.io'],
    ]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI034', level: 'warning' });
    expect(findings[0].message).toMatch(/has no gateway\.networking\.k8s\.io\/bundle-version annotation, so istiod ignores the CRD/);
    expect(findings[1].message).toMatch(/bundle-version: 'main', which is not a version/);
  });

  test('stays silent for versioned CRDs and for kinds Istio does not check', () => {
    expect(
      run(gatewayApiCrdUnversioned, [crd('tlsroutes.gateway.networking.k8s.io', 'v1.4.0'), crd('httproutes.gateway.networking.k8s.io')]),
    ).toEqual([]);
  });
});
