import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { retriesExceedTimeout } from '../../../../../src/engine/analysis/rules/traffic/retries-exceed-timeout';

const vs = (timeout: string) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: {
      hosts: ['echo'],
      http: [{ route: [{ destination: { host: 'echo' } }], timeout, retries: { attempts: 3, perTryTimeout: '2s' } }],
    },
  },
});

describe('retriesExceedTimeout', () => {
  test('fires when 3 x 2s exceeds a 5s timeout', () => {
    const findings = retriesExceedTimeout.check(new ObjectIndex([vs('5s')]));
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI081']);
    expect(findings[0].message).toMatch(/VirtualService shop\/echo: http route #1 retries 3 x perTryTimeout 2s/);
  });

  test('is quiet with a 10s timeout', () => {
    expect(retriesExceedTimeout.check(new ObjectIndex([vs('10s')]))).toEqual([]);
  });
});
