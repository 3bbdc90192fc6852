import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { gatewayNamed, trafficType, waypointAdmits, waypointUsers } from '../../../../../src/engine/analysis/rules/ambient/waypoints';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { deployment, namespace, service } from '../../fixtures';
import { gateway, labeled } from './fixtures';

const indexOf = (objects: KubeObject[]) => new ObjectIndex(objects.map((object) => ({ object })));

describe('waypointUsers', () => {
  test('collects Namespaces, Services, ServiceEntries and pod templates that name a waypoint, resolving its namespace', () => {
    const serviceEntry: KubeObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: {
        name: 'ext',
        namespace: 'shop',
        labels: { 'istio.io/use-waypoint': 'egress', 'istio.io/use-waypoint-namespace': 'egress' },
      },
      spec: { hosts: ['example.com'] },
    };
    const index = indexOf([
      namespace('shop', { 'istio.io/use-waypoint': 'waypoint' }),
      labeled(service('web', 'shop'), { 'istio.io/use-waypoint': 'none' }),
      serviceEntry,
      deployment('api', 'shop', { podLabels: { app: 'api', 'istio.io/use-waypoint': 'wl' } }),
      deployment('plain', 'shop'),
    ]);
    expect(waypointUsers(index).map((u) => [u.kind, u.what, `${u.waypointNamespace}/${u.waypointName}`])).toEqual([
      ['namespace', 'Namespace shop', 'shop/waypoint'],
      ['service', 'ServiceEntry shop/ext', 'egress/egress'],
      ['workload', 'the pod template of Deployment shop/api', 'shop/wl'],
    ]);
  });
});

describe('waypoint facts', () => {
  test('finds only Gateway API Gateways by name', () => {
    const index = indexOf([gateway('waypoint', 'shop'), { ...gateway('other', 'shop'), apiVersion: 'networking.istio.io/v1' }]);
    expect(gatewayNamed(index, 'shop', 'waypoint')?.object.metadata.name).toBe('waypoint');
    expect(gatewayNamed(index, 'shop', 'other')).toBeUndefined();
    expect(gatewayNamed(index, 'mesh', 'waypoint')).toBeUndefined();
  });

  test('reads the traffic type from the Gateway, then its GatewayClass, else service', () => {
    const gatewayClass: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'custom', labels: { 'istio.io/waypoint-for': 'workload' } },
    };
    const index = indexOf([
      gateway('own', 'shop', { 'istio.io/waypoint-for': 'all' }, {}, 'custom'),
      gateway('byClass', 'shop', {}, {}, 'custom'),
      gateway('plain', 'shop'),
      gatewayClass,
    ]);
    const type = (name: string) => trafficType(index, gatewayNamed(index, 'shop', name)!);
    expect([type('own'), type('byClass'), type('plain')]).toEqual(['all', 'workload', 'service']);
  });

  test('admits other namespaces only as the HBONE listener allows, and does not judge an inbound binding', () => {
    const judge = (gw: KubeObject, from = 'shop') => waypointAdmits(indexOf([gw, namespace('shop', { team: 'a' })]), { object: gw }, from);
    expect(judge(gateway('wp', 'mesh'))).toBe(false);
    expect(judge(gateway('wp', 'mesh'), 'mesh')).toBe(true);
    expect(judge(gateway('wp', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'All' } } }))).toBe(true);
    expect(judge(gateway('wp', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'Selector' } } }))).toBe(false);
    expect(
      judge(gateway('wp', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } } })),
    ).toBe(true);
    const expression = (operator: string) => ({ matchExpressions: [{ key: 'team', operator, values: ['a'] }] });
    const bySelector = (selector: unknown) => gateway('wp', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'Selector', selector } } });
    expect(judge(bySelector(expression('In')))).toBe(true);
    expect(judge(bySelector(expression('NotIn')))).toBe(false);
    // Labels of a namespace outside the input are unknown: only a selector on the name label is judged.
    expect(judge(bySelector({ matchLabels: { team: 'b' } }), 'blog')).toBe(true);
    expect(judge(bySelector({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), 'blog')).toBe(false);
    // Istio reads a `from` it does not know as Same for waypoints.
    expect(judge(gateway('wp', 'mesh', {}, { allowedRoutes: { namespaces: { from: 'None' } } }))).toBe(false);
    // Allowed routes on another listener do not count.
    expect(judge(gateway('wp', 'mesh', {}, { port: 15009, allowedRoutes: { namespaces: { from: 'All' } } }))).toBe(false);
    const bound = gateway('wp', 'mesh');
    const withBinding = {
      ...bound,
      metadata: { ...bound.metadata, annotations: { 'ambient.istio.io/waypoint-inbound-binding': 'PROXY/15088' } },
    };
    expect(judge(withBinding)).toBeUndefined();
  });
});
