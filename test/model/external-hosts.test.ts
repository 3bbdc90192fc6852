import { EXTERNAL_HOSTS_ANNOTATION, externalHostProblem, formatExternalHosts, parseExternalHosts } from '../../src/model/external-hosts';

describe('external hosts annotation', () => {
  test('has the key the REGISTRY_ONLY check reads', () => {
    expect(EXTERNAL_HOSTS_ANNOTATION).toBe('mesh.cdk8s-istio.dev/external-hosts');
  });

  test('formats sorted without duplicates and parses back, dropping blanks', () => {
    expect(formatExternalHosts(['b.example.com', 'a.example.com', 'b.example.com'])).toBe('a.example.com,b.example.com');
    expect(parseExternalHosts(' a.example.com, ,b.example.com')).toEqual(['a.example.com', 'b.example.com']);
  });

  test('accepts host names only', () => {
    expect(externalHostProblem('api.example.com')).toBeUndefined();
    for (const bad of ['*.example.com', 'https://a', 'a:443', 'A.example.com'])
      expect(externalHostProblem(bad)).toMatch(/is not a host name/);
  });
});
