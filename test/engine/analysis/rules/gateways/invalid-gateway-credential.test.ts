import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { certificateProblem, invalidGatewayCredential } from '../../../../../src/engine/analysis/rules/gateways/invalid-gateway-credential';
import { gatewayDeployment, httpsServer, istioGateway, secret } from '../../../../support/gateway-objects';

/** A self-signed test certificate made for these tests (openssl req -x509), valid from 2026-11-30 to 2126-11-06. */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBjjCCATOgAwIBAgIUTtr9MJsEiapDQYkP4U85p0wRGjUwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAgFw0yNjExMzAwODAwNDFaGA8y
MTI2MTEwNjA4MDA0MVowGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABCi5WsoDMchOhRIctnd7MONd7GkB+nhexMlz
KBi3lD4Pc29lmvVZhP6FrW4opl3RYurhEcFGmZSpbrk7yjOu+TGjUzBRMB0GA1Ud
DgQWBBRn7fLKVwoly9ADSn33bHQrsi5bYDAfBgNVHSMEGDAWgBRn7fLKVwoly9AD
Sn33bHQrsi5bYDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCS
wp3hu+Yoh76f6btuL9LfOo3qycsEVIbvb+Xh0T4XHAIhAIrk9gZyZzQT75pPpfwf
ClR30qREkHG5BK9rtrQKblrb
-----END CERTIFICATE-----
`;
const IN_2050 = Date.parse('2050-01-01T00:00:00Z');

const check = (data: Record<string, string>) =>
  invalidGatewayCredential.check(
    new ObjectIndex([
      gatewayDeployment(),
      secret('shop-cert', 'istio-ingress', data),
      istioGateway('public', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName: 'shop-cert' })]),
    ]),
  );

afterEach(() => jest.restoreAllMocks());

describe('invalidGatewayCredential', () => {
  test('fires for a Secret without a certificate and key, naming the keys it has', () => {
    const findings = check({ 'ca.crt': CERT });
    expect(findings.map((f) => f.code)).toEqual(['IST0161']);
    expect(findings[0].message).toMatch(
      /takes its certificate from Secret istio-ingress\/shop-cert, which has no certificate and key .*keys: ca\.crt/,
    );
    expect(findings[0].objects.map((o) => o.kind)).toEqual(['Gateway', 'Secret']);
  });

  test('fires for a certificate that is not PEM', () => {
    expect(check({ 'tls.crt': 'not a certificate', 'tls.key': 'k' })[0].message).toMatch(/holds no PEM certificate under tls\.crt/);
  });

  test('is quiet for a valid certificate under tls.crt (base64 data) or cert (generic keys)', () => {
    jest.spyOn(Date, 'now').mockReturnValue(IN_2050);
    expect(check({ 'tls.crt': CERT, 'tls.key': 'key' })).toEqual([]);
    expect(check({ cert: CERT, key: 'key' })).toEqual([]);
    const data = { 'tls.crt': Buffer.from(CERT).toString('base64'), 'tls.key': Buffer.from('key').toString('base64') };
    const encoded = { ...secret('shop-cert', 'istio-ingress', {}), object: { ...secret('shop-cert', 'istio-ingress', {}).object, data } };
    const gw = istioGateway('public', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName: 'shop-cert' })]);
    expect(invalidGatewayCredential.check(new ObjectIndex([gatewayDeployment(), encoded, gw]))).toEqual([]);
  });
});

describe('certificateProblem', () => {
  test('reports a certificate outside its validity, before and after', () => {
    const data = { 'tls.crt': CERT, 'tls.key': 'key' };
    expect(certificateProblem(data, IN_2050)).toBeUndefined();
    expect(certificateProblem(data, Date.parse('2200-01-01T00:00:00Z'))).toMatch(
      /valid only from Nov 30 .* 2026 GMT to Nov {2}6 .* 2126 GMT/,
    );
    expect(certificateProblem(data, Date.parse('2020-01-01T00:00:00Z'))).toMatch(/valid only from/);
  });
});
