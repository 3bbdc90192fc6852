import { App, Chart } from 'cdk8s';
import { AuthorizationPolicy } from '../../../src/constructs/policies/authorization-policy';
import { AuthorizationAction } from '../../../src/model/traffic/security';
import { at } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}

describe('AuthorizationPolicy', () => {
  test('emits an ALLOW policy from principals and namespaces to methods, paths and ports', () => {
    const { app, chart } = setup();
    new AuthorizationPolicy(chart, 'ReviewsReaders', {
      name: 'reviews-readers',
      selector: { app: 'reviews' },
      rules: [
        {
          from: [{ principals: ['cluster.local/ns/shop/sa/frontend'] }, { namespaces: ['ops'] }],
          to: [{ methods: ['GET', 'HEAD'], paths: ['/api/*'], ports: [9080] }],
          when: [{ key: 'request.headers[x-tenant]', values: ['acme'] }],
        },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const ap = findInChart(chart, 'AuthorizationPolicy', 'reviews-readers');
    expect(ap.apiVersion).toBe('security.istio.io/v1');
    expect(ap.metadata.namespace).toBe('shop');
    expect(ap.spec).toEqual({
      selector: { matchLabels: { app: 'reviews' } },
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }, { source: { namespaces: ['ops'] } }],
          to: [{ operation: { methods: ['GET', 'HEAD'], paths: ['/api/*'], ports: ['9080'] } }],
          when: [{ key: 'request.headers[x-tenant]', values: ['acme'] }],
        },
      ],
    });
  });

  test('denyAll emits the allow-nothing policy for a namespace', () => {
    const { app, chart } = setup();
    AuthorizationPolicy.denyAll(chart, 'DenyAll', { namespace: 'payments' });
    expect(validationErrors(app)).toEqual([]);
    const ap = findInChart(chart, 'AuthorizationPolicy', 'deny-all');
    expect(ap.metadata.namespace).toBe('payments');
    expect(ap.spec).toEqual({});
  });

  test('emits DENY, AUDIT and CUSTOM actions with the provider', () => {
    const { chart } = setup();
    const rules = [{ to: [{ paths: ['/admin/*'] }] }];
    new AuthorizationPolicy(chart, 'Deny', { name: 'deny', action: AuthorizationAction.deny(), rules });
    new AuthorizationPolicy(chart, 'Ext', { name: 'ext', action: AuthorizationAction.custom('ext-authz'), rules });
    expect(at(findInChart(chart, 'AuthorizationPolicy', 'deny'), 'spec', 'action')).toBe('DENY');
    expect(findInChart(chart, 'AuthorizationPolicy', 'ext').spec).toMatchObject({ action: 'CUSTOM', provider: { name: 'ext-authz' } });
  });

  test('fails on a DENY policy without rules, lower-case methods, relative paths and bad ports', () => {
    const { app, chart } = setup();
    new AuthorizationPolicy(chart, 'Empty', { action: AuthorizationAction.deny() });
    new AuthorizationPolicy(chart, 'Bad', {
      rules: [{ to: [{ methods: ['get'], paths: ['api'], ports: [0] }], when: [{ key: 'source.ip' }] }],
    });
    expect(validationErrors(app)).toEqual([
      'DENY policy has no rules and so matches no request: add rules, or use AuthorizationPolicy.denyAll() to deny by default',
      "rule #1 method 'get' is not an upper-case HTTP method: write it as e.g. 'GET'",
      "rule #1 path 'api' must start with '/' (or '*' for a suffix match): e.g. '/api/*'",
      'rule #1 port 0 is out of range: use a port number from 1 to 65535',
      "rule #1 condition 'source.ip' has no values: give values or notValues",
    ]);
  });

  test('fails on a wildcard selector key', () => {
    const { app, chart } = setup();
    new AuthorizationPolicy(chart, 'Wild', { selector: { 'app*': 'x' } });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/selector label key 'app\*' is not allowed/)]);
  });
});

describe('AuthorizationPolicy targetRefs', () => {
  test('attaches to a waypoint or a Service instead of a selector', () => {
    const { app, chart } = setup();
    new AuthorizationPolicy(chart, 'ViaWaypoint', {
      name: 'via-waypoint',
      targetRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' },
        { kind: 'Service', name: 'reviews' },
      ],
      rules: [{ to: [{ methods: ['GET'] }] }],
    });
    expect(validationErrors(app)).toEqual([]);
    expect(findInChart(chart, 'AuthorizationPolicy', 'via-waypoint').spec).toEqual({
      targetRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' },
        { kind: 'Service', name: 'reviews' },
      ],
      rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
    });
  });

  test('reports targetRefs with a selector, an empty or too long list, a kind istio does not attach to and a missing name', () => {
    const gateway = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' };
    const cases: [string, object, string][] = [
      ['Both', { selector: { app: 'a' }, targetRefs: [gateway] }, 'set either selector or targetRefs, not both'],
      ['Empty', { targetRefs: [] }, 'targetRefs has 0 entries: give 1 to 16, or omit it'],
      ['Many', { targetRefs: Array.from({ length: 17 }, () => gateway) }, 'targetRefs has 17 entries'],
      [
        'Kind',
        { targetRefs: [{ kind: 'Deployment', group: 'apps', name: 'web' }] },
        "targetRefs #1 kind Deployment of group 'apps' is not a policy target",
      ],
      ['Group', { targetRefs: [{ kind: 'Gateway', name: 'gw' }] }, "targetRefs #1 kind Gateway of group '' is not a policy target"],
      ['Name', { targetRefs: [{ kind: 'Service', name: '' }] }, 'targetRefs #1 has no name'],
    ];
    for (const [id, props, message] of cases) {
      const { app, chart } = setup();
      new AuthorizationPolicy(chart, id, props);
      expect(validationErrors(app)).toEqual([expect.stringContaining(message)]);
    }
  });
});
