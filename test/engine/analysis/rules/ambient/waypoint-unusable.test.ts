import { waypointUnusable } from '../../../../../src/engine/analysis/rules/ambient/waypoint-unusable';
import { deployment, named, namespace, run, service } from '../../fixtures';
import { gateway, labeled } from './fixtures';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };
const USE = (name: string) => ({ 'istio.io/use-waypoint': name });

describe('CDK8SI031 waypoint refuses what points at it', () => {
  test('reports a Service pointing at a waypoint for workloads only, naming both', () => {
    const findings = run(waypointUnusable, [
      namespace('shop', AMBIENT),
      gateway('wl', 'shop', { 'istio.io/waypoint-for': 'workload' }),
      labeled(service('web', 'shop'), USE('wl')),
    ]);
    expect(findings.map(named)).toEqual([['Service shop/web', 'Gateway shop/wl']]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI031', level: 'warning' });
    expect(findings[0].message).toMatch(
      /serves istio\.io\/waypoint-for=workload traffic.*label the waypoint istio\.io\/waypoint-for=service \(or all\)/,
    );
  });

  test("reports a pod template pointing at a waypoint without waypoint-for (Istio's default: services only)", () => {
    const findings = run(waypointUnusable, [
      namespace('shop', AMBIENT),
      gateway('waypoint', 'shop'),
      deployment('api', 'shop', { podLabels: { app: 'api', ...USE('waypoint') } }),
    ]);
    expect(findings.map(named)).toEqual([['Deployment shop/api', 'Gateway shop/waypoint']]);
    expect(findings[0].message).toMatch(/waypoint-for=service traffic.*waypoint-for=workload \(or all\)/);
  });

  test("takes the traffic type from the waypoint's GatewayClass when the Gateway has none", () => {
    const gatewayClass = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'istio-waypoint', labels: { 'istio.io/waypoint-for': 'all' } },
    };
    const objects = [gateway('waypoint', 'shop'), deployment('api', 'shop', { podLabels: { app: 'api', ...USE('waypoint') } })];
    expect(run(waypointUnusable, [...objects, gatewayClass])).toEqual([]);
  });

  test('reports a namespace pointing at a waypoint for no traffic, but not at one for workloads only', () => {
    expect(
      run(waypointUnusable, [namespace('shop', USE('wp')), gateway('wp', 'shop', { 'istio.io/waypoint-for': 'none' })]).map(named),
    ).toEqual([['Namespace shop', 'Gateway shop/wp']]);
    expect(run(waypointUnusable, [namespace('shop', USE('wp')), gateway('wp', 'shop', { 'istio.io/waypoint-for': 'workload' })])).toEqual(
      [],
    );
  });

  test('reports a waypoint in another namespace whose HBONE listener admits only its own namespace', () => {
    const findings = run(waypointUnusable, [
      namespace('shop', { ...AMBIENT, ...USE('shared'), 'istio.io/use-waypoint-namespace': 'mesh' }),
      namespace('mesh'),
      gateway('shared', 'mesh'),
    ]);
    expect(findings.map(named)).toEqual([['Namespace shop', 'Gateway mesh/shared']]);
    expect(findings[0].message).toMatch(
      /^Namespace shop has istio\.io\/use-waypoint=shared, but .* does not allow routes from namespace shop \(.*allowedRoutes\.namespaces\.from to All/,
    );
  });

  test('accepts a cross-namespace waypoint that allows All, or a Selector matching the namespace', () => {
    const user = namespace('shop', { ...USE('shared'), 'istio.io/use-waypoint-namespace': 'mesh', team: 'a' });
    const fromAll = gateway('shared', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'All' } } });
    const bySelector = (team: string) =>
      gateway('shared', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team } } } } });
    expect(run(waypointUnusable, [user, fromAll])).toEqual([]);
    expect(run(waypointUnusable, [user, bySelector('a')])).toEqual([]);
    expect(run(waypointUnusable, [user, bySelector('b')]).map(named)).toEqual([['Namespace shop', 'Gateway mesh/shared']]);
  });

  test('stays silent on a clean ambient namespace and Service using their own waypoint', () => {
    const findings = run(waypointUnusable, [
      namespace('shop', { ...AMBIENT, ...USE('waypoint') }),
      gateway('waypoint', 'shop', { 'istio.io/waypoint-for': 'service' }),
      labeled(service('web', 'shop'), USE('waypoint')),
      deployment('web', 'shop'),
    ]);
    expect(findings).toEqual([]);
  });
});
