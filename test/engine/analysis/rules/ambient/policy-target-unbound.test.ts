import { policyTargetUnbound } from '../../../../../src/engine/analysis/rules/ambient/policy-target-unbound';
import { named, namespace, run, service } from '../../fixtures';
import { authorizationPolicy, gateway, labeled } from './fixtures';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };
const GW = 'gateway.networking.k8s.io';
const rules = [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }], to: [{ operation: { methods: ['GET'] } }] }];

function targeting(name: string, ns: string, ...targetRefs: Record<string, unknown>[]) {
  return authorizationPolicy(name, ns, { targetRefs, rules });
}

function serviceEntry(name: string, ns: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name, namespace: ns, labels },
    spec: { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' },
  };
}

describe('CDK8SI035 AuthorizationPolicy target enforces nothing', () => {
  test('reports a Service target when neither the Service nor its namespace uses a waypoint', () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', AMBIENT),
      service('reviews', 'shop'),
      targeting('readers', 'shop', { kind: 'Service', name: 'reviews' }),
    ]);
    expect(findings.map(named)).toEqual([['AuthorizationPolicy shop/readers', 'Service shop/reviews']]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI035', level: 'warning' });
    expect(findings[0].message).toMatch(
      /targetRef names Service shop\/reviews, which uses no waypoint \(neither it nor namespace shop has istio\.io\/use-waypoint\)/,
    );
    expect(findings[0].message).toMatch(/applies nowhere; label the Service or namespace shop istio\.io\/use-waypoint=<waypoint>/);
  });

  test('reports a Service that opts out of its namespace waypoint with none, and a ServiceEntry without a waypoint', () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'waypoint' }),
      gateway('waypoint', 'shop'),
      labeled(service('reviews', 'shop'), { 'istio.io/use-waypoint': 'none' }),
      namespace('egress', AMBIENT),
      serviceEntry('api', 'egress'),
      targeting('readers', 'shop', { group: 'core', kind: 'Service', name: 'reviews' }),
      targeting('api-callers', 'egress', { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'api' }),
    ]);
    expect(findings.map(named).sort()).toEqual([
      ['AuthorizationPolicy egress/api-callers', 'ServiceEntry egress/api'],
      ['AuthorizationPolicy shop/readers', 'Service shop/reviews'],
    ]);
    const optOut = findings.find((f) => f.objects[0].name === 'readers');
    expect(optOut?.message).toMatch(/uses no waypoint \(istio\.io\/use-waypoint=none\)/);
  });

  test("reports a Service whose namespace's waypoint takes only workload traffic", () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'waypoint' }),
      gateway('waypoint', 'shop', { 'istio.io/waypoint-for': 'workload' }),
      service('reviews', 'shop'),
      targeting('readers', 'shop', { kind: 'Service', name: 'reviews' }),
    ]);
    expect(findings.map(named)).toEqual([['AuthorizationPolicy shop/readers', 'Service shop/reviews', 'Gateway shop/waypoint']]);
    expect(findings[0].message).toMatch(
      /waypoint Gateway shop\/waypoint takes istio\.io\/waypoint-for=workload traffic, not Service traffic/,
    );
  });

  test('reports targets that are not in the input: a Gateway, a Service, a ServiceEntry', () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', AMBIENT),
      targeting(
        'readers',
        'shop',
        { group: GW, kind: 'Gateway', name: 'waypoint' },
        { kind: 'Service', name: 'reviews' },
        { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'api' },
      ),
    ]);
    expect(findings.map((f) => f.message.match(/names (\S+ \S+)/)?.[1]).sort()).toEqual([
      'Gateway shop/waypoint,',
      'Service shop/reviews,',
      'ServiceEntry shop/api,',
    ]);
    expect(findings.map(named)).toEqual([
      ['AuthorizationPolicy shop/readers'],
      ['AuthorizationPolicy shop/readers'],
      ['AuthorizationPolicy shop/readers'],
    ]);
  });

  test('looks for the target Gateway in the policy namespace only, and reads the single targetRef field too', () => {
    const findings = run(policyTargetUnbound, [
      gateway('waypoint', 'mesh'),
      authorizationPolicy('readers', 'shop', { targetRef: { group: GW, kind: 'Gateway', name: 'waypoint' }, rules }),
    ]);
    expect(findings.map(named)).toEqual([['AuthorizationPolicy shop/readers']]);
    expect(findings[0].message).toMatch(/names Gateway shop\/waypoint, which is not in the input/);
  });

  test('reports a GatewayClass target outside the root namespace or other than istio-waypoint', () => {
    const findings = run(policyTargetUnbound, [
      targeting('in-shop', 'shop', { group: GW, kind: 'GatewayClass', name: 'istio-waypoint' }),
      targeting('other-class', 'istio-system', { group: GW, kind: 'GatewayClass', name: 'istio' }),
      targeting('all-waypoints', 'istio-system', { group: GW, kind: 'GatewayClass', name: 'istio-waypoint' }),
    ]);
    expect(findings.map(named).sort()).toEqual([['AuthorizationPolicy istio-system/other-class'], ['AuthorizationPolicy shop/in-shop']]);
    expect(findings[0].message).toMatch(/only to istio-waypoint from the root namespace istio-system/);
  });

  test('stays silent for targets a waypoint or gateway enforces', () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'waypoint' }),
      gateway('waypoint', 'shop'),
      service('reviews', 'shop'),
      labeled(service('ratings', 'shop'), { 'istio.io/use-waypoint': 'ratings-waypoint' }),
      gateway('ratings-waypoint', 'shop'),
      gateway('shared', 'shop', {}, { allowedRoutes: { namespaces: { from: 'All' } } }),
      namespace('plain'),
      labeled(service('orders', 'plain'), { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'shop' }),
      targeting(
        'readers',
        'shop',
        { group: GW, kind: 'Gateway', name: 'waypoint' },
        { kind: 'Service', name: 'reviews' },
        { kind: 'Service', name: 'ratings' },
      ),
      targeting('orders', 'plain', { kind: 'Service', name: 'orders' }),
      authorizationPolicy('selector-bound', 'plain', { selector: { matchLabels: { app: 'orders' } }, rules }),
    ]);
    expect(findings).toEqual([]);
  });

  test("leaves a Service's own missing or refusing waypoint to CDK8SI030 and CDK8SI031", () => {
    const findings = run(policyTargetUnbound, [
      namespace('shop', AMBIENT),
      labeled(service('reviews', 'shop'), { 'istio.io/use-waypoint': 'missing' }),
      labeled(service('ratings', 'shop'), { 'istio.io/use-waypoint': 'workload-only' }),
      gateway('workload-only', 'shop', { 'istio.io/waypoint-for': 'workload' }),
      targeting('readers', 'shop', { kind: 'Service', name: 'reviews' }, { kind: 'Service', name: 'ratings' }),
    ]);
    expect(findings).toEqual([]);
  });
});
