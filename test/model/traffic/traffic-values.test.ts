import { IstioDuration } from '../../../src/model/traffic/duration';
import { ClientTls, LoadBalancer, RetryOn } from '../../../src/model/traffic/traffic-values';

describe('traffic values', () => {
  test('ClientTls renders Istio modes', () => {
    expect(ClientTls.istioMutual().toSpec()).toEqual({ mode: 'ISTIO_MUTUAL' });
    expect(ClientTls.mutual('client-cert', { sni: 'api.example.com' }).toSpec()).toEqual({
      mode: 'MUTUAL',
      credentialName: 'client-cert',
      sni: 'api.example.com',
    });
    expect(() => ClientTls.mutual('')).toThrow(/mutual tls needs a credentialName/);
  });

  test('LoadBalancer renders simple and consistent-hash settings', () => {
    expect(LoadBalancer.roundRobin().toSpec()).toEqual({ simple: 'ROUND_ROBIN' });
    expect(LoadBalancer.hashCookie('session', IstioDuration.minutes(10)).toSpec()).toEqual({
      consistentHash: { httpCookie: { name: 'session', ttl: '10m' } },
    });
    expect(() => LoadBalancer.hashHeader('')).toThrow(/hash header name '' is empty/);
  });

  test('RetryOn joins conditions and validates status codes', () => {
    expect(RetryOn.join([RetryOn.CONNECT_FAILURE, RetryOn.GATEWAY_ERROR, RetryOn.statusCode(503)])).toBe(
      'connect-failure,gateway-error,503',
    );
    expect(() => RetryOn.statusCode(99)).toThrow(/retry status code 99 is out of range: use an HTTP status between 100 and 599/);
  });
});
