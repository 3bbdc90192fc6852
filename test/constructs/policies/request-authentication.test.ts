import { App, Chart } from 'cdk8s';
import { RequestAuthentication } from '../../../src/constructs/policies/request-authentication';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}

describe('RequestAuthentication', () => {
  test('emits JWT rules with issuer, JWKS URI, audiences and token locations', () => {
    const { app, chart } = setup();
    new RequestAuthentication(chart, 'Jwt', {
      name: 'frontend-jwt',
      selector: { app: 'frontend' },
      jwtRules: [
        {
          issuer: 'https://accounts.example.com',
          jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
          audiences: ['shop'],
          fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
          forwardOriginalToken: true,
        },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const ra = findInChart(chart, 'RequestAuthentication', 'frontend-jwt');
    expect(ra.apiVersion).toBe('security.istio.io/v1');
    expect(ra.spec).toEqual({
      selector: { matchLabels: { app: 'frontend' } },
      jwtRules: [
        {
          issuer: 'https://accounts.example.com',
          jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
          audiences: ['shop'],
          fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
          forwardOriginalToken: true,
        },
      ],
    });
  });

  test('fails on both jwks and jwksUri, a non-http URI, bad inline JWKS and a repeated issuer', () => {
    const { app, chart } = setup();
    new RequestAuthentication(chart, 'Bad', {
      jwtRules: [
        { issuer: 'a', jwksUri: 'https://a/jwks', jwks: '{}' },
        { issuer: 'b', jwksUri: 'ftp://b/jwks' },
        { issuer: 'b', jwks: 'not json' },
      ],
    });
    expect(validationErrors(app)).toEqual([
      "jwt issuer 'a' sets both jwksUri and jwks: keep one",
      "jwksUri 'ftp://b/jwks' is not an http(s) URL: use e.g. 'https://accounts.example.com/.well-known/jwks.json'",
      "jwt issuer 'b' is listed twice: keep one rule per issuer",
      "jwt issuer 'b' jwks is not valid JSON: give the JWKS document as a JSON string",
    ]);
  });

  test('fails without any issuer', () => {
    const { app, chart } = setup();
    new RequestAuthentication(chart, 'Empty', { jwtRules: [] });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^jwtRules is empty/)]);
  });
});
