import { httpAttributes, ztunnelL7Policy } from '../../../../../src/engine/analysis/rules/ambient/ztunnel-l7-policy';
import { deployment, named, namespace, run } from '../../fixtures';
import { authorizationPolicy } from './fixtures';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };
const selector = { matchLabels: { app: 'web' } };
const getOnly = [{ to: [{ operation: { methods: ['GET'] } }] }];

describe('httpAttributes', () => {
  test('lists the fields ztunnel cannot evaluate, and no L4 field', () => {
    const rules = [
      {
        from: [
          {
            source: {
              principals: ['a'],
              namespaces: ['b'],
              ipBlocks: ['10.0.0.0/8'],
              requestPrincipals: ['*'],
              notRemoteIpBlocks: ['1.2.3.4'],
            },
          },
        ],
        to: [{ operation: { ports: ['8080'], paths: ['/admin'], notHosts: ['x'] } }],
        when: [
          { key: 'request.auth.claims[group]', values: ['admin'] },
          { key: 'source.principal', values: ['a'] },
          { key: 'request.headers[x-token]', values: ['t'] },
        ],
      },
    ];
    expect(httpAttributes(rules)).toEqual([
      'notHosts',
      'notRemoteIpBlocks',
      'paths',
      'request.auth.claims[group]',
      'request.headers[x-token]',
      'requestPrincipals',
    ]);
    expect(
      httpAttributes([{ from: [{ source: { principals: ['a'], serviceAccounts: ['x'] } }], to: [{ operation: { ports: ['80'] } }] }]),
    ).toEqual([]);
    expect(httpAttributes([{ to: [{ operation: { methods: [] } }] }])).toEqual([]);
  });
});

describe('CDK8SI032 L7 AuthorizationPolicy enforced by ztunnel', () => {
  test('reports an ALLOW policy with methods selecting an ambient workload: its rules never match', () => {
    const findings = run(ztunnelL7Policy, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'waypoint' }),
      deployment('web', 'shop'),
      authorizationPolicy('get-only', 'shop', { selector, action: 'ALLOW', rules: getOnly }),
    ]);
    expect(findings.map(named)).toEqual([['AuthorizationPolicy shop/get-only']]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI032', level: 'error' });
    expect(findings[0].message).toMatch(/applies to ambient workload\(s\) Deployment shop\/web, where ztunnel enforces it/);
    expect(findings[0].message).toMatch(/cannot evaluate methods, so it drops the ALLOW rules .* denied/);
    expect(findings[0].message).toMatch(/targetRefs \[\{group: gateway\.networking\.k8s\.io, kind: Gateway, name: waypoint\}\]/);
  });

  test('reports a DENY policy with paths as denying more than written', () => {
    const findings = run(ztunnelL7Policy, [
      namespace('shop', AMBIENT),
      deployment('web', 'shop'),
      authorizationPolicy('no-admin', 'shop', { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] }),
    ]);
    expect(findings.map(named)).toEqual([['AuthorizationPolicy shop/no-admin']]);
    expect(findings[0].message).toMatch(/enforces the DENY rules without them: they deny more than written/);
    expect(findings[0].message).toMatch(/name: <waypoint>/);
  });

  test('reports a CUSTOM policy, which ztunnel does not enforce at all', () => {
    const findings = run(ztunnelL7Policy, [
      namespace('shop', AMBIENT),
      deployment('web', 'shop'),
      authorizationPolicy('ext', 'shop', { selector, action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] }),
    ]);
    expect(findings[0].message).toMatch(/does not support the CUSTOM action and does not enforce the policy at all/);
  });

  test('reports a policy in an ambient namespace whose pods are not in the input, and a root-namespace policy selecting ambient pods', () => {
    const findings = run(ztunnelL7Policy, [
      namespace('shop', AMBIENT),
      authorizationPolicy('hdr', 'shop', { rules: [{ when: [{ key: 'request.headers[x-user]', values: ['a'] }] }] }),
      namespace('pay', AMBIENT),
      deployment('web', 'pay'),
      authorizationPolicy('mesh', 'istio-system', { selector, action: 'DENY', rules: getOnly }),
    ]);
    expect(findings.map(named).sort()).toEqual([['AuthorizationPolicy istio-system/mesh'], ['AuthorizationPolicy shop/hdr']]);
    expect(findings.find((f) => f.objects[0].name === 'hdr')?.message).toMatch(/applies to ambient namespace shop/);
  });

  test('stays silent for targetRefs to a waypoint, L4-only rules, sidecar workloads and opted-out pods', () => {
    const findings = run(ztunnelL7Policy, [
      namespace('shop', AMBIENT),
      deployment('web', 'shop'),
      authorizationPolicy('waypoint', 'shop', {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }],
        rules: getOnly,
      }),
      authorizationPolicy('l4', 'shop', { selector, rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/b'] } }] }] }),
      namespace('side', { 'istio-injection': 'enabled' }),
      deployment('web', 'side'),
      authorizationPolicy('get-only', 'side', { selector, rules: getOnly }),
      namespace('mixed', AMBIENT),
      deployment('web', 'mixed', { podLabels: { app: 'web', 'istio.io/dataplane-mode': 'none' } }),
      authorizationPolicy('get-only', 'mixed', { selector, rules: getOnly }),
      authorizationPolicy('audit', 'shop', { selector, action: 'AUDIT', rules: getOnly }),
    ]);
    expect(findings).toEqual([]);
  });
});
