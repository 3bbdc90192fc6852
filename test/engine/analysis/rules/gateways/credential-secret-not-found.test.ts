import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { type SourcedObject } from '../../../../../src/engine/analysis/rule';
import { credentialSecretNotFound } from '../../../../../src/engine/analysis/rules/gateways/credential-secret-not-found';
import { gatewayDeployment, httpsServer, istioGateway, object, secret } from '../../../../support/gateway-objects';

const gw = (credentialName: string) => istioGateway('public', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName })]);
const other = secret('other', 'istio-ingress', { 'tls.crt': 'c', 'tls.key': 'k' });
const check = (...objects: SourcedObject[]) => credentialSecretNotFound.check(new ObjectIndex([gatewayDeployment(), ...objects]));

describe('credentialSecretNotFound', () => {
  test("fires for a Secret missing from the gateway pods' namespace when the output provides Secrets there", () => {
    const findings = check(other, gw('shop-cert'));
    expect(findings.map((f) => f.code)).toEqual(['IST0101']);
    expect(findings[0].message).toMatch(/takes its certificate from Secret istio-ingress\/shop-cert, which is not in the output/);
  });

  test("looks in the gateway pods' namespace, not the Gateway's", () => {
    expect(check(other, secret('shop-cert', 'shop', {}), gw('shop-cert')).map((f) => f.code)).toEqual(['IST0101']);
  });

  test('is quiet when the Secret is there, or a cert-manager Certificate, ExternalSecret or SealedSecret makes it', () => {
    expect(check(other, secret('shop-cert', 'istio-ingress', {}), gw('shop-cert'))).toEqual([]);
    expect(
      check(object('cert-manager.io/v1', 'Certificate', 'shop', 'istio-ingress', { secretName: 'shop-cert' }), gw('shop-cert')),
    ).toEqual([]);
    expect(
      check(
        object('external-secrets.io/v1beta1', 'ExternalSecret', 'x', 'istio-ingress', { target: { name: 'shop-cert' } }),
        gw('shop-cert'),
      ),
    ).toEqual([]);
    expect(check(object('bitnami.com/v1alpha1', 'SealedSecret', 'shop-cert', 'istio-ingress'), gw('shop-cert'))).toEqual([]);
  });

  test('is quiet when the output provides no Secret in that namespace (Secrets managed outside the output)', () => {
    expect(check(secret('elsewhere', 'shop', {}), gw('shop-cert'))).toEqual([]);
  });

  test('reads a <namespace>/<name> credentialName in that namespace', () => {
    expect(check(secret('shop-cert', 'certs', {}), gw('certs/shop-cert'))).toEqual([]);
    expect(check(secret('x', 'certs', {}), gw('certs/shop-cert'))[0].message).toMatch(/Secret certs\/shop-cert/);
  });
});
