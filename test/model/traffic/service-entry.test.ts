import { serviceEntryProblems, type ServiceEntrySpec } from '../../../src/model/traffic/service-entry';

const spec = (over: Partial<ServiceEntrySpec>): ServiceEntrySpec => ({
  hosts: ['api.example.com'],
  ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
  resolution: 'DNS',
  ...over,
});

describe('serviceEntryProblems', () => {
  test('is silent on an external DNS host and on wildcards with NONE or DYNAMIC_DNS', () => {
    expect(serviceEntryProblems(spec({}))).toEqual([]);
    expect(serviceEntryProblems(spec({ hosts: ['*.example.com'], resolution: 'NONE' }))).toEqual([]);
    expect(serviceEntryProblems(spec({ hosts: ['*.example.com'], resolution: 'DYNAMIC_DNS' }))).toEqual([]);
  });

  test('reports the resolution rules', () => {
    expect(serviceEntryProblems(spec({ resolution: 'NONE', endpoints: [{ address: '1.2.3.4' }] }))).toEqual([
      expect.stringMatching(/^resolution NONE takes no endpoints/),
    ]);
    expect(serviceEntryProblems(spec({ resolution: 'STATIC' }))).toEqual([expect.stringMatching(/^resolution STATIC needs endpoints/)]);
    expect(
      serviceEntryProblems(
        spec({ resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] }),
      ),
    ).toEqual([expect.stringMatching(/^resolution DNS_ROUND_ROBIN takes at most one endpoint/)]);
    expect(serviceEntryProblems(spec({ resolution: 'DYNAMIC_DNS' }))).toEqual([
      expect.stringMatching(/^resolution DYNAMIC_DNS needs wildcard hosts/),
    ]);
    expect(serviceEntryProblems(spec({ addresses: ['10.0.0.0/8'] }))).toEqual([
      expect.stringMatching(/^CIDR addresses need resolution NONE or STATIC/),
    ]);
  });

  test('reports hosts and duplicate ports', () => {
    expect(serviceEntryProblems(spec({ hosts: [] }))).toEqual([expect.stringMatching(/^service entry has no hosts/)]);
    expect(serviceEntryProblems(spec({ hosts: ['a_b.example.com'] }))).toEqual([
      expect.stringMatching(/^host 'a_b.example.com' is not valid/),
    ]);
    expect(
      serviceEntryProblems(
        spec({
          ports: [
            { number: 1, name: 'a' },
            { number: 1, name: 'B' },
          ],
        }),
      ),
    ).toEqual([expect.stringMatching(/^port name 'B' is not valid/), expect.stringMatching(/^port 1 is listed twice/)]);
  });
});
