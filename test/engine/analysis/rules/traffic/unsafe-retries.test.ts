import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { unsafeRetries } from '../../../../../src/engine/analysis/rules/traffic/unsafe-retries';

const vs = (retryOn: string) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: {
      hosts: ['orders'],
      http: [
        {
          name: 'create',
          match: [{ method: { exact: 'POST' } }],
          route: [{ destination: { host: 'orders' } }],
          retries: { attempts: 3, retryOn },
        },
      ],
    },
  },
});

describe('unsafeRetries', () => {
  test('fires when a POST route retries on 5xx', () => {
    const findings = unsafeRetries.check(new ObjectIndex([vs('5xx')]));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['CDK8SI082', 'warning']]);
    expect(findings[0].message).toMatch(/http route 'create' retries POST requests and retryOn has 5xx/);
  });

  test('is quiet when retries are limited to connect failures', () => {
    expect(unsafeRetries.check(new ObjectIndex([vs('connect-failure,refused-stream')]))).toEqual([]);
  });
});
