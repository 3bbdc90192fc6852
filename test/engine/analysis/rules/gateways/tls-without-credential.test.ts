import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { tlsWithoutCredential } from '../../../../../src/engine/analysis/rules/gateways/tls-without-credential';
import { httpServer, httpsServer, istioGateway, k8sGateway } from '../../../../support/gateway-objects';

const istio = (...servers: Record<string, unknown>[]) =>
  tlsWithoutCredential.check(new ObjectIndex([istioGateway('public', 'shop', servers)]));
const gatewayApi = (...listeners: Record<string, unknown>[]) =>
  tlsWithoutCredential.check(new ObjectIndex([k8sGateway('edge', 'shop', listeners)]));

describe('tlsWithoutCredential', () => {
  test('fires for SIMPLE and MUTUAL servers without any certificate source', () => {
    const findings = istio(
      httpsServer({ mode: 'SIMPLE' }),
      httpsServer({ mode: 'MUTUAL', serverCertificate: '/etc/cert.pem' }, ['*'], 8443),
    );
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI052', 'CDK8SI052']);
    expect(findings[0].message).toMatch(
      /Gateway shop\/public: server #1 terminates TLS \(SIMPLE\) without a certificate; set tls.credentialName/,
    );
  });

  test('fires for an HTTPS server without tls settings', () => {
    expect(istio({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'] })[0].message).toMatch(
      /speaks HTTPS without tls settings/,
    );
  });

  test('is quiet for a credentialName, credentialNames, mounted files, ISTIO_MUTUAL, PASSTHROUGH and plain HTTP', () => {
    expect(
      istio(
        httpsServer({ mode: 'SIMPLE', credentialName: 'shop-cert' }),
        httpsServer({ mode: 'MUTUAL', credentialNames: ['a', 'b'] }),
        httpsServer({ mode: 'SIMPLE', serverCertificate: '/c.pem', privateKey: '/k.pem' }),
        httpsServer({ mode: 'ISTIO_MUTUAL' }),
        { port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['*'], tls: { mode: 'PASSTHROUGH' } },
        httpServer(),
      ),
    ).toEqual([]);
  });

  test('fires for a Gateway API HTTPS listener (or TLS Terminate) without certificateRefs', () => {
    const findings = gatewayApi(
      { name: 'https', port: 443, protocol: 'HTTPS' },
      { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Terminate' } },
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/Gateway shop\/edge: listener 'https' terminates HTTPS without tls.certificateRefs/),
      expect.stringMatching(/listener 'tls' terminates TLS/),
    ]);
  });

  test('is quiet for Gateway API listeners with certificateRefs, TLS Passthrough and HTTP', () => {
    const listeners = [
      { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } },
      { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 'http', port: 80, protocol: 'HTTP' },
    ];
    expect(gatewayApi(...listeners)).toEqual([]);
  });
});
