import { durationProblem, hostnameProblem, hostnamesIntersect } from '../../../src/model/traffic/gateway-api';

describe('Gateway API value checks', () => {
  test('hostnames: DNS names with an optional leading *., no IPs or bare *', () => {
    expect(['a.example.com', '*.example.com'].map((h) => hostnameProblem(h, 'h'))).toEqual([undefined, undefined]);
    for (const bad of ['*', '10.0.0.1', 'A.example.com', 'a.*.com']) expect(hostnameProblem(bad, 'h')).toMatch(/is not a valid hostname/);
  });

  test('durations: whole numbers of h, m, s, ms', () => {
    expect(['10s', '1500ms', '1h30m'].map((d) => durationProblem(d, 't'))).toEqual([undefined, undefined, undefined]);
    expect(durationProblem('1.5s', 't')).toMatch(/use whole numbers/);
  });

  test('hostnamesIntersect: an absent listener hostname takes any; wildcards match subdomains', () => {
    expect(hostnamesIntersect(undefined, 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('a.example.com', 'b.example.com')).toBe(false);
  });
});
