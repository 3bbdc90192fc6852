import { applicationUid1337 } from '../../../../../src/engine/analysis/rules/workloads/uid-1337';
import { deployment, istiod, named, namespace, run } from '../../fixtures';

describe('IST0144 application runs as UID 1337', () => {
  test('reports a container running as 1337', () => {
    const findings = run(applicationUid1337, [
      deployment('web', 'shop', { containers: [{ name: 'web', image: 'x', securityContext: { runAsUser: 1337 } }] }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0144', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
    expect(findings[0].message).toContain('container web');
  });

  test('reports a pod securityContext of 1337, on any workload kind', () => {
    const findings = run(applicationUid1337, [
      deployment('job', 'shop', { kind: 'CronJob', podSpec: { securityContext: { runAsUser: 1337 } } }),
    ]);
    expect(findings.map(named)).toEqual([['CronJob shop/job']]);
  });

  test('accepts the proxy itself running as 1337, other user IDs, and the control plane', () => {
    const objects = [
      deployment('web', 'shop', {
        containers: [
          { name: 'web', image: 'x', securityContext: { runAsUser: 1000 } },
          { name: 'istio-proxy', image: 'p', securityContext: { runAsUser: 1337 } },
        ],
      }),
      istiod(),
    ];
    expect(run(applicationUid1337, objects)).toEqual([]);
  });

  test('leaves ambient workloads alone (no sidecar, so 1337 bypasses nothing), but not those that opt out', () => {
    const runAs1337 = { podSpec: { securityContext: { runAsUser: 1337 } } };
    const objects = [
      namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment('web', 'amb', runAs1337),
      deployment('out', 'amb', { ...runAs1337, podLabels: { app: 'out', 'istio.io/dataplane-mode': 'none' } }),
    ];
    expect(run(applicationUid1337, objects).map(named)).toEqual([['Deployment amb/out']]);
  });
});
