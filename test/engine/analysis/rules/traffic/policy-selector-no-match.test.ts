import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { policySelectorNoMatch } from '../../../../../src/engine/analysis/rules/traffic/policy-selector-no-match';

const deployment = {
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { template: { metadata: { labels: { app: 'echo' } }, spec: { containers: [{ name: 'echo' }] } } },
  },
};
const policy = (kind: string, apiVersion: string, namespace: string, app: string) => ({
  object: { apiVersion, kind, metadata: { name: 'p', namespace }, spec: { selector: { matchLabels: { app } } } },
});

describe('policySelectorNoMatch', () => {
  test('fires for an AuthorizationPolicy whose selector matches no workload', () => {
    const findings = policySelectorNoMatch.check(
      new ObjectIndex([deployment, policy('AuthorizationPolicy', 'security.istio.io/v1', 'shop', 'ecko')]),
    );
    expect(findings.map((f) => [f.code, f.level, f.objects[0].kind])).toEqual([['IST0127', 'warning', 'AuthorizationPolicy']]);
    expect(findings[0].message).toMatch(/selects pods labeled app=ecko, but no workload in namespace shop/);
  });

  test('covers RequestAuthentication and Telemetry too', () => {
    const findings = policySelectorNoMatch.check(
      new ObjectIndex([
        deployment,
        policy('RequestAuthentication', 'security.istio.io/v1', 'shop', 'nope'),
        policy('Telemetry', 'telemetry.istio.io/v1', 'shop', 'nope'),
      ]),
    );
    expect(findings.map((f) => f.objects[0].kind)).toEqual(['RequestAuthentication', 'Telemetry']);
  });

  test('is quiet for a matching selector, also from the root namespace', () => {
    expect(
      policySelectorNoMatch.check(
        new ObjectIndex([
          deployment,
          policy('AuthorizationPolicy', 'security.istio.io/v1', 'shop', 'echo'),
          policy('AuthorizationPolicy', 'security.istio.io/v1', 'istio-system', 'echo'),
        ]),
      ),
    ).toEqual([]);
  });
});
