import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { listenerSecretNotFound } from '../../../../../src/engine/analysis/rules/gateways/listener-secret-not-found';
import { k8sGateway, secret } from '../../../../support/gateway-objects';

const edge = (ref: Record<string, unknown>) =>
  k8sGateway('edge', 'istio-ingress', [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [ref] } }]);
const other = secret('other', 'istio-ingress', {});

describe('listenerSecretNotFound', () => {
  test('fires for a certificateRef to a Secret missing from a namespace whose other Secrets are in the output', () => {
    const findings = listenerSecretNotFound.check(new ObjectIndex([other, edge({ name: 'shop-cert' })]));
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI055']);
    expect(findings[0].message).toMatch(
      /Gateway istio-ingress\/edge: listener 'https' takes its certificate from Secret istio-ingress\/shop-cert/,
    );
  });

  test('looks in the namespace the reference names', () => {
    const findings = listenerSecretNotFound.check(
      new ObjectIndex([secret('a', 'certs', {}), edge({ name: 'shop-cert', namespace: 'certs' })]),
    );
    expect(findings[0].message).toMatch(/Secret certs\/shop-cert/);
  });

  test('is quiet for a present Secret, a namespace without Secrets in the output, and references to other kinds', () => {
    expect(
      listenerSecretNotFound.check(new ObjectIndex([other, secret('shop-cert', 'istio-ingress', {}), edge({ name: 'shop-cert' })])),
    ).toEqual([]);
    expect(listenerSecretNotFound.check(new ObjectIndex([edge({ name: 'shop-cert' })]))).toEqual([]);
    expect(listenerSecretNotFound.check(new ObjectIndex([other, edge({ group: 'example.com', kind: 'Vault', name: 'x' })]))).toEqual([]);
  });
});
