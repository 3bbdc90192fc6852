import { portProtocol } from '../../../../../src/engine/analysis/rules/workloads/port-protocol';
import { named, run, service } from '../../fixtures';

describe('IST0118 Service port protocol not declared', () => {
  test('reports a port whose name has no protocol prefix', () => {
    const findings = run(portProtocol, [service('web', 'shop', [{ name: 'web', port: 8080 }])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0118', level: 'info' });
    expect(named(findings[0])).toEqual(['Service shop/web']);
    expect(findings[0].message).toContain('port 8080 (web)');
  });

  test('reports an unnamed port and an unknown appProtocol even with a good name', () => {
    const findings = run(portProtocol, [service('web', 'shop', [{ port: 8080 }, { name: 'http', appProtocol: 'foo', port: 9090 }])]);
    expect(findings).toHaveLength(2);
  });

  test.each([
    ['a protocol name', { name: 'http', port: 80 }],
    ['a protocol prefix', { name: 'grpc-api', port: 80 }],
    ['grpc-web', { name: 'grpc-web-ui', port: 80 }],
    ['upper case', { name: 'HTTP2-x', port: 80 }],
    ['appProtocol', { name: 'web', appProtocol: 'https', port: 443 }],
    ['a Kubernetes appProtocol', { name: 'web', appProtocol: 'kubernetes.io/h2c', port: 80 }],
    ['UDP', { name: 'dns-x', protocol: 'UDP', port: 5353 }],
    ['a well-known TCP port', { name: 'db', port: 3306 }],
  ])('accepts %s', (_, port) => {
    expect(run(portProtocol, [service('web', 'shop', [port])])).toEqual([]);
  });
});
