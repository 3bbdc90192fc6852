import {
  gatewayHostProblem,
  gatewayServesHosts,
  hostsOfferedTo,
  hostsOverlap,
  serverProblems,
  ServerTls,
  type ServerSpec,
} from '../../../src/model/traffic/gateway';

const server = (over: Partial<ServerSpec>): ServerSpec => ({
  port: { number: 443, name: 'https', protocol: 'HTTPS' },
  hosts: ['a.example.com'],
  ...over,
});

describe('ServerTls', () => {
  test('factories render the modes with their options', () => {
    expect(ServerTls.simple('cert', { minProtocolVersion: 'TLSV1_3' }).toSpec()).toEqual({
      mode: 'SIMPLE',
      credentialName: 'cert',
      minProtocolVersion: 'TLSV1_3',
    });
    expect(ServerTls.mutual('cert', { subjectAltNames: ['x'] }).toSpec()).toEqual({
      mode: 'MUTUAL',
      credentialName: 'cert',
      subjectAltNames: ['x'],
    });
    expect(ServerTls.httpsRedirect().toSpec()).toEqual({ httpsRedirect: true });
    expect(ServerTls.httpsRedirect().mode).toBeUndefined();
    expect([ServerTls.istioMutual(), ServerTls.passthrough(), ServerTls.autoPassthrough()].map((t) => t.mode)).toEqual([
      'ISTIO_MUTUAL',
      'PASSTHROUGH',
      'AUTO_PASSTHROUGH',
    ]);
  });

  test('simple and mutual refuse an empty credentialName', () => {
    expect(() => ServerTls.simple('')).toThrow(/simple tls needs a credentialName/);
    expect(() => ServerTls.mutual('')).toThrow(/mutual tls needs a credentialName/);
  });
});

describe('gatewayHostProblem', () => {
  test.each(['a.example.com', '*.example.com', '*', 'shop/a.example.com', './a.example.com', '*/*'])('accepts %s', (host) => {
    expect(gatewayHostProblem(host, 'server')).toBeUndefined();
  });
  test.each(['', 'a..b', 'Bad_Ns/a.example.com', 'https://a', 'a.*.com'])('refuses %s', (host) => {
    expect(gatewayHostProblem(host, 'server')).toMatch(/is not valid/);
  });
});

describe('serverProblems', () => {
  test('is silent on a valid HTTPS server', () => {
    expect(serverProblems(server({ tls: ServerTls.simple('c').toSpec() }), 's')).toEqual([]);
  });

  test('wants certificates for mounted SIMPLE and a CA for mounted MUTUAL, and ordered protocol versions', () => {
    expect(serverProblems(server({ tls: { mode: 'SIMPLE' } }), 's')).toEqual([expect.stringMatching(/^s tls SIMPLE has no certificate/)]);
    expect(serverProblems(server({ tls: ServerTls.mounted('MUTUAL', { serverCertificate: 'c', privateKey: 'k' }).toSpec() }), 's')).toEqual(
      [expect.stringMatching(/^s tls MUTUAL with mounted files has no caCertificates/)],
    );
    expect(
      serverProblems(
        server({ tls: { mode: 'SIMPLE', credentialName: 'c', minProtocolVersion: 'TLSV1_3', maxProtocolVersion: 'TLSV1_2' } }),
        's',
      ),
    ).toEqual([expect.stringMatching(/minProtocolVersion TLSV1_3 is above maxProtocolVersion TLSV1_2/)]);
  });

  test('wants hosts and a port name; allows an HTTPS redirect only on HTTP', () => {
    expect(serverProblems({ port: { number: 80, name: '', protocol: 'HTTP' }, hosts: [] }, 's')).toEqual([
      expect.stringMatching(/^s has no hosts/),
      expect.stringMatching(/^s port has no name/),
    ]);
    expect(serverProblems({ port: { number: 80, name: 'h', protocol: 'HTTP' }, hosts: ['*'], tls: { httpsRedirect: true } }, 's')).toEqual(
      [],
    );
    expect(serverProblems({ port: { number: 80, name: 't', protocol: 'TCP' }, hosts: ['*'], tls: { httpsRedirect: true } }, 's')).toEqual([
      expect.stringMatching(/uses plain-text protocol TCP with tls settings/),
    ]);
  });
});

describe('hostsOverlap', () => {
  test('matches equal hosts and wildcards either way, case-insensitively', () => {
    expect(hostsOverlap('a.example.com', 'A.example.com')).toBe(true);
    expect(hostsOverlap('*.example.com', 'a.example.com')).toBe(true);
    expect(hostsOverlap('a.example.com', '*')).toBe(true);
    expect(hostsOverlap('a.example.com', 'b.example.com')).toBe(false);
    expect(hostsOverlap('*.example.com', 'example.org')).toBe(false);
  });
});

describe('hostsOfferedTo', () => {
  const hosts = ['a.example.com', '*/b.example.com', './c.example.com', 'shop/d.example.com', 'blog/e.example.com'];

  test('offers bare and */ hosts to every namespace, ./ hosts to the gateway namespace, ns/ hosts to ns', () => {
    expect(hostsOfferedTo(hosts, 'istio-ingress', 'shop')).toEqual(['a.example.com', 'b.example.com', 'd.example.com']);
    expect(hostsOfferedTo(hosts, 'istio-ingress', 'istio-ingress')).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(hostsOfferedTo(hosts, 'shop', 'shop')).toEqual(['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com']);
  });
});

describe('gatewayServesHosts', () => {
  test('serves a route when one of its hosts overlaps a host offered to its namespace', () => {
    expect(gatewayServesHosts(['x.test', 'd.example.com'], ['shop/*.example.com'], 'edge', 'shop')).toEqual({
      served: true,
      offered: ['*.example.com'],
    });
  });

  test('does not serve a route whose host is offered only to another namespace', () => {
    expect(gatewayServesHosts(['d.example.com'], ['blog/d.example.com', './d.example.com'], 'edge', 'shop')).toEqual({
      served: false,
      offered: [],
    });
  });
});
