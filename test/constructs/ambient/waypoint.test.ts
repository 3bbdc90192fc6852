import { type App, Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Waypoint } from '../../../src/constructs/ambient/waypoint';
import { Istiod } from '../../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../../src/constructs/control-plane/revision-tag';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { MeshNamespace } from '../../../src/constructs/mesh-namespace';
import { InjectionMode } from '../../../src/model/injection-mode';
import { type WaypointTraffic } from '../../../src/model/waypoint';
import { classifyStage } from '../../../src/synth/classify-stage';
import { Stage } from '../../../src/core/stage';
import { findInChart } from '../../support/chart';

function setup(namespace?: string) {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'mesh', { namespace }) };
}
// Real helm renders of the fixture charts; never the network.
const sources = [ChartSource.localDir(path.join(__dirname, '..', '..', 'fixtures', 'charts'))];
const errorsOf = (app: App) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));

describe('Waypoint', () => {
  test('emits the Gateway istioctl waypoint generate writes: class istio-waypoint, one HBONE listener, no labels by default', () => {
    const { app, chart } = setup('shop');
    const waypoint = new Waypoint(chart, 'Waypoint');
    expect(errorsOf(app)).toEqual([]);
    expect(findInChart(chart, 'Gateway', 'waypoint')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'waypoint', namespace: 'shop' },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
    });
    expect(waypoint.node.defaultChild).toBe(waypoint.apiObject);
    expect(waypoint.traffic).toBe('service'); // istiod's default without the label
    expect(waypoint.targetRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' });
    expect(Waypoint.isWaypoint(waypoint)).toBe(true);
    expect(Waypoint.isWaypoint(chart)).toBe(false);
  });

  test('labels istio.io/waypoint-for and istio.io/rev when given, in a MeshNamespace', () => {
    const { app, chart } = setup();
    const ns = new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.ambient() });
    for (const traffic of ['service', 'workload', 'all', 'none'] as const) {
      new Waypoint(chart, `W-${traffic}`, {
        namespace: ns,
        name: `wp-${traffic}`,
        waypointFor: traffic,
        revision: 'canary',
        externalRevision: true,
      });
    }
    expect(errorsOf(app)).toEqual([]);
    const gateway = findInChart(chart, 'Gateway', 'wp-all');
    expect(gateway.metadata).toEqual({
      name: 'wp-all',
      namespace: 'shop',
      labels: { 'istio.io/waypoint-for': 'all', 'istio.io/rev': 'canary' },
    });
    expect(findInChart(chart, 'Gateway', 'wp-none').metadata.labels).toEqual({ 'istio.io/waypoint-for': 'none', 'istio.io/rev': 'canary' });
  });

  test('allowedNamespaces sets the listener allowedRoutes: All, or a namespace selector', () => {
    const { app, chart } = setup('shop');
    new Waypoint(chart, 'All', { name: 'all', allowedNamespaces: 'all' });
    new Waypoint(chart, 'Some', { name: 'some', allowedNamespaces: { team: 'shop' } });
    expect(errorsOf(app)).toEqual([]);
    expect((findInChart(chart, 'Gateway', 'all').spec as { listeners: unknown[] }).listeners).toEqual([
      { name: 'mesh', port: 15008, protocol: 'HBONE', allowedRoutes: { namespaces: { from: 'All' } } },
    ]);
    expect((findInChart(chart, 'Gateway', 'some').spec as { listeners: unknown[] }).listeners).toEqual([
      {
        name: 'mesh',
        port: 15008,
        protocol: 'HBONE',
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } },
      },
    ]);
  });

  test('refusedNamespaceError: only other namespaces of a same-namespace waypoint are refused', () => {
    const { chart } = setup('shop');
    const same = new Waypoint(chart, 'Same');
    const all = new Waypoint(chart, 'All', { name: 'all', allowedNamespaces: 'all' });
    expect(same.refusedNamespaceError('shop')).toBeUndefined();
    expect(same.refusedNamespaceError('ops')).toBe(
      "waypoint shop/waypoint admits only its own namespace, so istio refuses its use from 'ops': create it with allowedNamespaces: 'all' (or labels that select 'ops')",
    );
    expect(all.refusedNamespaceError('ops')).toBeUndefined();
  });

  test("refusedNamespaceError judges namespace labels by the app's Namespace objects, and trusts namespaces it does not know", () => {
    const { chart } = setup('mesh');
    const byTeam = new Waypoint(chart, 'ByTeam', { name: 'by-team', allowedNamespaces: { team: 'shop' } });
    new MeshNamespace(chart, 'Shop', { name: 'shop', labels: { team: 'shop' } });
    new MeshNamespace(chart, 'Blog', { name: 'blog', labels: { team: 'blog' } });
    expect(byTeam.refusedNamespaceError('shop')).toBeUndefined();
    expect(byTeam.refusedNamespaceError('elsewhere')).toBeUndefined();
    expect(byTeam.refusedNamespaceError('blog')).toBe(
      "waypoint mesh/by-team admits namespaces labelled team=shop, which namespace 'blog' is not, so istio refuses its use from there: " +
        "add those labels to namespace 'blog', or change the waypoint's allowedNamespaces",
    );
    const byName = new Waypoint(chart, 'ByName', { name: 'by-name', allowedNamespaces: { 'kubernetes.io/metadata.name': 'shop' } });
    expect(byName.refusedNamespaceError('shop')).toBeUndefined();
    expect(byName.refusedNamespaceError('elsewhere')).toMatch(
      /^waypoint mesh\/by-name admits namespaces labelled kubernetes\.io\/metadata\.name=shop,/,
    );
  });

  test('reports a reserved or invalid name, a missing namespace, an unknown traffic type and bad selectors, with paths', () => {
    const { app, chart } = setup();
    new Waypoint(chart, 'None', { namespace: 'shop', name: 'none' });
    new Waypoint(chart, 'Upper', { namespace: 'shop', name: 'Waypoint' });
    new Waypoint(chart, 'NoNamespace');
    new Waypoint(chart, 'Traffic', { namespace: 'shop', name: 't', waypointFor: 'services' as WaypointTraffic });
    new Waypoint(chart, 'EmptySelector', { namespace: 'shop', name: 'e', allowedNamespaces: {} });
    new Waypoint(chart, 'BadAllowed', { namespace: 'shop', name: 'b', allowedNamespaces: 'any' as 'all' });
    const errors = errorsOf(app);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[mesh\/None\] waypoint name 'none' is reserved by istio/),
        expect.stringMatching(/^\[mesh\/Upper\] waypoint name 'Waypoint'/),
        expect.stringMatching(/^\[mesh\/NoNamespace\] waypoint has no namespace: pass namespace/),
        "[mesh/Traffic] waypointFor 'services' is not a traffic type: use one of all, none, service, workload",
        "[mesh/EmptySelector] allowedNamespaces {} selects every namespace: write 'all', or give labels",
        "[mesh/BadAllowed] allowedNamespaces 'any' is not valid: use 'same', 'all' or namespace labels",
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  test('accepts a revision an Istiod of the app has, or a RevisionTag of the app declared after the Waypoint', () => {
    const { app, chart } = setup('shop');
    new Waypoint(chart, 'Canary', { name: 'canary', revision: 'canary' });
    new Waypoint(chart, 'Prod', { name: 'prod', revision: 'prod' });
    const cp = new Chart(app, 'cp');
    new RevisionTag(cp, 'Prod', { name: 'prod', revision: new Istiod(cp, 'Canary', { revision: 'canary', sources }) });
    expect(errorsOf(app)).toEqual([]);
    expect(findInChart(chart, 'Gateway', 'prod').metadata.labels).toEqual({ 'istio.io/rev': 'prod' });
  });

  test('fails when its revision has no Istiod or RevisionTag in the app and is not declared external', () => {
    const { app, chart } = setup('shop');
    new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    new Waypoint(chart, 'Waypoint', { revision: 'canary' });
    new Waypoint(chart, 'External', { name: 'external', revision: 'canary', externalRevision: true });
    new Waypoint(chart, 'BadFlag', { name: 'bad-flag', revision: 'canary', externalRevision: 'yes' as unknown as boolean });
    expect(errorsOf(app)).toEqual([
      "[mesh/Waypoint] waypoint shop/waypoint: revision 'canary' has no istiod in this app (istiod revisions in this app: default): " +
        "add new Istiod(scope, id, { revision: 'canary' }), or declare it external with " +
        "new Waypoint(scope, id, { revision: 'canary', externalRevision: true })",
      "[mesh/BadFlag] externalRevision must be true or false, got 'yes'",
    ]);
  });

  test('does not judge a revision in an app without any Istiod: the control plane is installed elsewhere', () => {
    const { app, chart } = setup('shop');
    new Waypoint(chart, 'Waypoint', { revision: 'canary' });
    expect(errorsOf(app)).toEqual([]);
  });

  test('without a revision, fails when the app has Istiods but none serves the default revision', () => {
    const { app, chart } = setup('shop');
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    new Waypoint(chart, 'Waypoint');
    expect(errorsOf(app)).toEqual(
      [
        'waypoint shop/waypoint names no revision, which only the default revision serves, but this app has no Istiod without ' +
          "revision and no RevisionTag 'default' (istiod revisions in this app: canary): add new RevisionTag(scope, id, " +
          "{ name: 'default', revision: <Istiod> }), or give it a revision: new Waypoint(scope, id, { revision: " +
          "'<revision or tag>' }) (new Waypoint(scope, id, { externalRevision: true }) for a default revision installed elsewhere)",
      ].map((e) => `[mesh/Waypoint] ${e}`),
    );
  });

  test.each([
    [
      "a RevisionTag 'default'",
      (cp: Chart) =>
        new RevisionTag(cp, 'Default', { name: 'default', revision: new Istiod(cp, 'Canary', { revision: 'canary', sources }) }),
    ],
    ['no Istiod at all (control plane elsewhere)', () => undefined],
  ])('without a revision, is served by the default revision with %s', (_what, build) => {
    const { app, chart } = setup('shop');
    build(new Chart(app, 'cp'));
    new Waypoint(chart, 'Waypoint');
    expect(errorsOf(app)).toEqual([]);
  });

  test('without a revision, externalRevision declares the default revision installed elsewhere', () => {
    const { app, chart } = setup('shop');
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    new Waypoint(chart, 'Waypoint', { externalRevision: true });
    expect(errorsOf(app)).toEqual([]);
  });

  test("without a revision, takes the revision of its namespace's istio.io/rev label, which the MeshNamespace checks", () => {
    const { app, chart } = setup();
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    const ns = new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.revision('canary') });
    new Waypoint(chart, 'Waypoint', { namespace: ns });
    expect(errorsOf(app)).toEqual([]);
  });

  test('its Gateway lands in the policies stage (after the Gateway API CRDs and istiod)', () => {
    const { chart } = setup('shop');
    new Waypoint(chart, 'Waypoint');
    const stage = classifyStage(findInChart(chart, 'Gateway', 'waypoint'), {
      controlPlaneNamespaces: new Set(['istio-system']),
      fromControlPlane: false,
    });
    expect(stage).toBe(Stage.policies());
  });
});
