import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import {
  credentialTarget,
  managesSecrets,
  secretProvider,
  serverCredentials,
} from '../../../../../src/engine/analysis/rules/gateways/secrets';
import { gatewayDeployment, httpsServer, istioGateway, object, secret } from '../../../../support/gateway-objects';

describe('secret providers', () => {
  test('Secrets and the objects that make them provide names per namespace', () => {
    const index = new ObjectIndex([
      secret('plain', 'a', {}),
      object('cert-manager.io/v1', 'Certificate', 'cert', 'b', { secretName: 'from-cert' }),
      object('external-secrets.io/v1beta1', 'ExternalSecret', 'ext', 'c', {}),
      object('bitnami.com/v1alpha1', 'SealedSecret', 'sealed', 'd'),
      object('example.com/v1', 'Certificate', 'lookalike', 'e', { secretName: 'nope' }),
    ]);
    expect(
      ['a/plain', 'b/from-cert', 'c/ext', 'd/sealed'].map((n) => secretProvider(index, ...(n.split('/') as [string, string]))?.object.kind),
    ).toEqual(['Secret', 'Certificate', 'ExternalSecret', 'SealedSecret']);
    expect(managesSecrets(index, 'e')).toBe(false);
    expect(secretProvider(index, 'b', 'cert')).toBeUndefined();
  });

  test('credentialTarget reads a bare name in the given namespace, and <namespace>/<name> as written', () => {
    expect(credentialTarget('cert', 'istio-ingress')).toEqual({ namespace: 'istio-ingress', name: 'cert' });
    expect(credentialTarget('certs/cert', 'istio-ingress')).toEqual({ namespace: 'certs', name: 'cert' });
  });

  test("serverCredentials resolves every named Secret in the gateway pods' namespace, skipping Gateways without pods", () => {
    const index = new ObjectIndex([
      gatewayDeployment(),
      istioGateway('gw', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName: 'main', credentialNames: ['certs/extra', '', 7] })]),
      istioGateway('lonely', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName: 'x' })], { istio: 'nothing' }),
    ]);
    expect(serverCredentials(index).map((c) => `${c.gateway.name} ${c.field} ${c.namespace}/${c.name}`)).toEqual([
      'gw credentialName istio-ingress/main',
      'gw credentialNames certs/extra',
    ]);
  });
});
