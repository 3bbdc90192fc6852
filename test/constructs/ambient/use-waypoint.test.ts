import { ApiObject, type App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { UseWaypoint, useWaypoint, useWaypointLabels } from '../../../src/constructs/ambient/use-waypoint';
import { Waypoint } from '../../../src/constructs/ambient/waypoint';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { at } from '../../support/json';
import { findInChart } from '../../support/chart';

function setup() {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  return { app, chart, waypoint: new Waypoint(chart, 'Waypoint', { waypointFor: 'all' }) };
}
const errorsOf = (app: App) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
const deploymentObject = (chart: Chart, id: string, template: Record<string, unknown>) =>
  new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id.toLowerCase() },
    spec: { selector: { matchLabels: { app: id } }, template },
  });

describe('useWaypointLabels', () => {
  test('names the waypoint, adds its namespace only when it is another (or unknown), and opts out with none', () => {
    const { waypoint } = setup();
    expect(useWaypointLabels(waypoint, 'shop')).toEqual({ 'istio.io/use-waypoint': 'waypoint' });
    expect(useWaypointLabels(waypoint, 'ops')).toEqual({ 'istio.io/use-waypoint': 'waypoint', 'istio.io/use-waypoint-namespace': 'shop' });
    expect(useWaypointLabels(waypoint, undefined)).toEqual({
      'istio.io/use-waypoint': 'waypoint',
      'istio.io/use-waypoint-namespace': 'shop',
    });
    expect(useWaypointLabels('none', 'shop')).toEqual({ 'istio.io/use-waypoint': 'none' });
  });
});

describe('useWaypoint', () => {
  test('labels a cdk8s-plus Service itself and a cdk8s-plus Deployment on its pod template', () => {
    const { app, chart, waypoint } = setup();
    const deployment = new kplus.Deployment(chart, 'Reviews', { containers: [{ image: 'reviews', portNumber: 9080 }] });
    const service = deployment.exposeViaService({ name: 'reviews' });
    const choice = useWaypoint(service, waypoint);
    useWaypoint(deployment, 'none');
    expect(errorsOf(app)).toEqual([]);
    expect(UseWaypoint.isUseWaypoint(choice)).toBe(true);
    expect(findInChart(chart, 'Service', 'reviews').metadata.labels).toEqual({ 'istio.io/use-waypoint': 'waypoint' });
    const podLabels = at(findInChart(chart, 'Deployment', deployment.name), 'spec', 'template', 'metadata', 'labels');
    expect(podLabels).toEqual(expect.objectContaining({ 'istio.io/use-waypoint': 'none' }));
  });

  test('patches the pod template of an ApiObject workload, with or without existing labels', () => {
    const { app, chart, waypoint } = setup();
    useWaypoint(deploymentObject(chart, 'Bare', { spec: { containers: [] } }), waypoint);
    useWaypoint(deploymentObject(chart, 'Labelled', { metadata: { labels: { app: 'Labelled' } }, spec: { containers: [] } }), waypoint);
    expect(errorsOf(app)).toEqual([]);
    expect(at(findInChart(chart, 'Deployment', 'bare'), 'spec', 'template', 'metadata', 'labels')).toEqual({
      'istio.io/use-waypoint': 'waypoint',
    });
    expect(at(findInChart(chart, 'Deployment', 'labelled'), 'spec', 'template', 'metadata', 'labels')).toEqual({
      app: 'Labelled',
      'istio.io/use-waypoint': 'waypoint',
    });
  });

  test('a waypoint in another namespace adds use-waypoint-namespace, and must admit that namespace', () => {
    const { app, chart } = setup();
    const mesh = new Chart(app, 'mesh', { namespace: 'mesh' });
    const open = new Waypoint(mesh, 'Open', { name: 'shared', waypointFor: 'all', allowedNamespaces: 'all' });
    const closed = new Waypoint(mesh, 'Closed', { name: 'closed', waypointFor: 'all' });
    const service = new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: {} });
    useWaypoint(service, open);
    const other = new ApiObject(chart, 'Other', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other' }, spec: {} });
    useWaypoint(other, closed);
    expect((service.toJson() as KubeObject).metadata.labels).toEqual({
      'istio.io/use-waypoint': 'shared',
      'istio.io/use-waypoint-namespace': 'mesh',
    });
    expect(errorsOf(app)).toEqual([
      "[shop/Other/UseWaypoint] waypoint mesh/closed admits only its own namespace, so istio refuses its use from 'shop': create it with allowedNamespaces: 'all' (or labels that select 'shop')",
    ]);
  });

  test("a waypoint admitting namespaces by label judges the app's Namespace, also one defined after useWaypoint", () => {
    const { app, chart } = setup();
    const mesh = new Chart(app, 'mesh', { namespace: 'mesh' });
    const byTeam = new Waypoint(mesh, 'ByTeam', { name: 'by-team', waypointFor: 'all', allowedNamespaces: { team: 'blog' } });
    const service = new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: {} });
    useWaypoint(service, byTeam);
    new ApiObject(chart, 'Shop', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'shop' } } });
    expect(errorsOf(app)).toEqual([
      "[shop/Svc/UseWaypoint] waypoint mesh/by-team admits namespaces labelled team=blog, which namespace 'shop' is not, so istio refuses its use from there: " +
        "add those labels to namespace 'shop', or change the waypoint's allowedNamespaces",
    ]);
  });

  test('reports a waypoint that does not take the traffic of the target kind', () => {
    const { app, chart } = setup();
    const forServices = new Waypoint(chart, 'Services', { name: 'services' });
    const forWorkloads = new Waypoint(chart, 'Workloads', { name: 'workloads', waypointFor: 'workload' });
    useWaypoint(deploymentObject(chart, 'Web', { spec: { containers: [] } }), forServices);
    useWaypoint(new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }), forWorkloads);
    expect(errorsOf(app)).toEqual([
      "[shop/Web/UseWaypoint] waypoint shop/services handles service traffic, so istio ignores it for this workload: create the waypoint with waypointFor: 'workload' or 'all'",
      "[shop/Svc/UseWaypoint] waypoint shop/workloads handles workload traffic, so istio ignores it for this service: create the waypoint with waypointFor: 'service' or 'all'",
    ]);
  });

  test('reports a contradicting label, a second choice, a wrong target and a wrong waypoint value', () => {
    const { app, chart, waypoint } = setup();
    const service = new ApiObject(chart, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', labels: { 'istio.io/use-waypoint': 'other' } },
    });
    useWaypoint(service, waypoint);
    const web = deploymentObject(chart, 'Web', { spec: { containers: [] } });
    useWaypoint(web, waypoint);
    useWaypoint(web, 'none');
    useWaypoint(new ApiObject(chart, 'Cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }), waypoint);
    useWaypoint(deploymentObject(chart, 'Bad', { spec: { containers: [] } }), 'waypoint' as never);
    expect(errorsOf(app)).toEqual([
      "[shop/Svc/UseWaypoint] label istio.io/use-waypoint='other' contradicts the waypoint choice ('waypoint'): remove it from the Service",
      "[shop/Web/UseWaypoint2] label istio.io/use-waypoint='waypoint' contradicts the waypoint choice ('none'): remove it from the pod template's labels",
      '[shop/Web/UseWaypoint2] this target already chooses a waypoint at shop/Web/UseWaypoint: call useWaypoint once per target',
      expect.stringMatching(/^\[shop\/Cfg\/UseWaypoint\] expected a Service or a workload .*, got an ApiObject 'cfg' \(kind ConfigMap\)/),
      "[shop/Bad/UseWaypoint] waypoint must be a Waypoint or 'none', got 'waypoint': pass the Waypoint construct",
    ]);
    expect(() => useWaypoint({} as Construct, waypoint)).toThrow(/^useWaypoint: expected a Service or a workload/);
  });
});
