import { waypointMissing } from '../../../../../src/engine/analysis/rules/ambient/waypoint-missing';
import { deployment, named, namespace, run, service } from '../../fixtures';
import { gateway, labeled } from './fixtures';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

describe('CDK8SI030 use-waypoint names no waypoint', () => {
  test('reports a namespace, a Service and a pod template naming a waypoint that is not in the input', () => {
    const findings = run(waypointMissing, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'wp' }),
      labeled(service('web', 'shop'), { 'istio.io/use-waypoint': 'svc-wp' }),
      deployment('api', 'shop', { podLabels: { app: 'api', 'istio.io/use-waypoint': 'pod-wp' } }),
    ]);
    expect(findings.map(named).sort()).toEqual([['Deployment shop/api'], ['Namespace shop'], ['Service shop/web']]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI030', level: 'warning' });
    const ns = findings.find((f) => f.objects[0].kind === 'Namespace');
    expect(ns?.message).toMatch(/istio\.io\/use-waypoint=wp, but no Gateway wp is in namespace shop/);
    expect(ns?.message).toMatch(/add a waypoint .* named wp there/);
  });

  test('looks for the waypoint in the namespace istio.io/use-waypoint-namespace names', () => {
    const objects = [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'mesh' }),
      gateway('shared', 'shop'),
    ];
    const findings = run(waypointMissing, objects);
    expect(findings.map(named)).toEqual([['Namespace shop']]);
    expect(findings[0].message).toMatch(/no Gateway shared is in namespace mesh \(from istio\.io\/use-waypoint-namespace\)/);
    expect(run(waypointMissing, [...objects, gateway('shared', 'mesh')])).toEqual([]);
  });

  test('stays silent when the waypoint exists, and for the opt-out value none', () => {
    const findings = run(waypointMissing, [
      namespace('shop', { ...AMBIENT, 'istio.io/use-waypoint': 'waypoint' }),
      gateway('waypoint', 'shop'),
      labeled(service('web', 'shop'), { 'istio.io/use-waypoint': 'none' }),
      deployment('api', 'shop', { podLabels: { app: 'api', 'istio.io/use-waypoint': 'waypoint' } }),
    ]);
    expect(findings).toEqual([]);
  });

  test('does not count a Gateway of another API group as the waypoint', () => {
    const istioGateway = { ...gateway('waypoint', 'shop'), apiVersion: 'networking.istio.io/v1' };
    const findings = run(waypointMissing, [namespace('shop', { 'istio.io/use-waypoint': 'waypoint' }), istioGateway]);
    expect(findings.map(named)).toEqual([['Namespace shop']]);
  });
});
