import { type App, Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../src/constructs/control-plane/revision-tag';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { type KubeObject } from '../../src/engine/k8s/object';
import { Waypoint } from '../../src/constructs/ambient/waypoint';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { InjectionMode } from '../../src/model/injection-mode';
import { MtlsMode } from '../../src/model/mtls';

// Real helm renders of the fixture charts; never the network.
const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

function errorsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

function find(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

function setup() {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'mesh') };
}

describe('MeshNamespace', () => {
  test('labels the namespace istio-injection=enabled by default', () => {
    const { app, chart } = setup();
    new MeshNamespace(chart, 'Default', { name: 'default' });
    const ns = find(Testing.synth(chart), 'Namespace', 'default');
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'istio-injection': 'enabled' } } });
    expect(errorsOf(app)).toEqual([]);
  });

  test.each([
    ['revision', InjectionMode.revision('canary', { external: true }), { 'istio.io/rev': 'canary' }],
    ['ambient', InjectionMode.ambient(), { 'istio.io/dataplane-mode': 'ambient' }],
    ['disabled', InjectionMode.disabled(), { 'istio-injection': 'disabled' }],
    ['none', InjectionMode.none(), undefined],
  ])('labels the namespace for %s mode', (_name, injection, labels) => {
    const { app, chart } = setup();
    new MeshNamespace(chart, 'Ns', { name: 'shop', injection });
    expect(find(Testing.synth(chart), 'Namespace', 'shop').metadata.labels).toEqual(labels);
    expect(errorsOf(app)).toEqual([]);
  });

  test('keeps extra labels and annotations next to the injection label', () => {
    const { chart } = setup();
    new MeshNamespace(chart, 'Ns', { name: 'shop', labels: { team: 'web' }, annotations: { owner: 'web team' } });
    const ns = find(Testing.synth(chart), 'Namespace', 'shop');
    expect(ns.metadata.labels).toEqual({ 'istio-injection': 'enabled', team: 'web' });
    expect(ns.metadata.annotations).toEqual({ owner: 'web team' });
  });

  test('stays cluster-scoped inside a chart with a namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'shop' });
    new MeshNamespace(chart, 'Ns', { name: 'shop' });
    expect(find(Testing.synth(chart), 'Namespace', 'shop').metadata.namespace).toBeUndefined();
  });

  test('the main child is the Namespace object with id Resource', () => {
    const { chart } = setup();
    const ns = new MeshNamespace(chart, 'Ns', { name: 'shop' });
    expect(ns.node.findChild('Resource')).toBe(ns.apiObject);
  });

  test('accepts a revision that an Istiod of the app has', () => {
    const { app, chart } = setup();
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    new MeshNamespace(chart, 'Ns', { name: 'shop', injection: InjectionMode.revision('canary') });
    expect(errorsOf(app)).toEqual([]);
  });

  test('accepts a revision tag of the app, declared before or after the namespace', () => {
    const { app, chart } = setup();
    new MeshNamespace(chart, 'Ns', { name: 'shop', injection: InjectionMode.revision('prod') });
    const cp = new Chart(app, 'cp');
    new RevisionTag(cp, 'Prod', { name: 'prod', revision: new Istiod(cp, 'Canary', { revision: 'canary', sources }) });
    expect(errorsOf(app)).toEqual([]);
    expect(find(Testing.synth(chart), 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': 'prod' });
  });

  test("matches revision 'default' to an Istiod without a revision", () => {
    const { app, chart } = setup();
    new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    new MeshNamespace(chart, 'Ns', { name: 'shop', injection: InjectionMode.revision('default') });
    expect(errorsOf(app)).toEqual([]);
  });

  test('fails when the revision has no Istiod in the app and is not external', () => {
    const { app, chart } = setup();
    new Istiod(new Chart(app, 'cp'), 'Istiod', { sources });
    new MeshNamespace(chart, 'Ns', { name: 'shop', injection: InjectionMode.revision('canary') });
    expect(errorsOf(app)).toEqual([
      "[mesh/Ns] revision 'canary' has no istiod in this app (istiod revisions in this app: default): add new Istiod(scope, id, " +
        "{ revision: 'canary' }), or declare it external with InjectionMode.revision('canary', { external: true })",
    ]);
  });

  test('fails for istio-injection=enabled when the app has Istiods but none serves the default revision', () => {
    const { app, chart } = setup();
    const cp = new Chart(app, 'cp');
    new Istiod(cp, 'New', { revision: '1-30-3', sources });
    new RevisionTag(cp, 'Prod', { name: 'prod', revision: '1-30-3' });
    new MeshNamespace(chart, 'Legacy', { name: 'legacy', injection: InjectionMode.sidecar() });
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.revision('prod') });
    const errors = errorsOf(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\[mesh\/Legacy\] namespace 'legacy' is labeled istio-injection=enabled \(InjectionMode.sidecar\(\)\), which only the default revision serves/,
    );
  });

  test('istio-injection=enabled is fine with a default tag on a revisioned Istiod', () => {
    const { app, chart } = setup();
    const cp = new Chart(app, 'cp');
    new RevisionTag(cp, 'Default', { name: 'default', revision: new Istiod(cp, 'New', { revision: '1-30-3', sources }) });
    new MeshNamespace(chart, 'Legacy', { name: 'legacy', injection: InjectionMode.sidecar() });
    expect(errorsOf(app)).toEqual([]);
  });

  test('fails when extra labels try to set an injection label', () => {
    const { app, chart } = setup();
    const ns = new MeshNamespace(chart, 'Ns', { name: 'shop', labels: { 'istio.io/rev': 'canary' } });
    const errors = errorsOf(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      "label 'istio.io/rev' is set by the injection prop (a namespace never carries both istio-injection and istio.io/rev)",
    );
    // The extra label is dropped from the object itself, so it never carries both labels.
    expect(ns.apiObject.toJson().metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });

  test('fails when the same namespace is declared twice, once', () => {
    const { app, chart } = setup();
    new MeshNamespace(chart, 'A', { name: 'shop' });
    new MeshNamespace(chart, 'B', { name: 'shop', injection: InjectionMode.none() });
    expect(errorsOf(app)).toEqual(["[mesh/B] namespace 'shop' is already declared by mesh/A: declare each namespace once"]);
  });

  test('reports every problem at once', () => {
    const { app, chart } = setup();
    new MeshNamespace(chart, 'Ns', {
      name: 'Bad_Name',
      injection: InjectionMode.revision('Bad!'),
      labels: { 'istio-injection': 'enabled', 'x y': 'z' },
    });
    expect(errorsOf(app)).toHaveLength(4);
  });

  describe('requireMtls', () => {
    test('creates the namespace-wide PeerAuthentication default, STRICT by default', () => {
      const { app, chart } = setup();
      new MeshNamespace(chart, 'Ns', { name: 'shop' }).requireMtls();
      expect(find(Testing.synth(chart), 'PeerAuthentication', 'default')).toEqual({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'shop' },
        spec: { mtls: { mode: 'STRICT' } },
      });
      expect(errorsOf(app)).toEqual([]);
    });

    test('called twice fails synth with the second namespace-wide policy, not with an exception', () => {
      const { app, chart } = setup();
      const ns = new MeshNamespace(chart, 'Ns', { name: 'shop' });
      ns.requireMtls();
      ns.requireMtls(MtlsMode.permissive());
      expect(errorsOf(app)).toEqual([
        "[mesh/Ns/PeerAuthentication2] namespace 'shop' already has a namespace-wide peer authentication (mesh/Ns/PeerAuthentication); " +
          'istio would use only the older one: merge them into one policy',
      ]);
    });

    test('takes another mode and another scope', () => {
      const { app, chart } = setup();
      const security = new Chart(app, 'security');
      const pa = new MeshNamespace(chart, 'Ns', { name: 'shop' }).requireMtls(MtlsMode.permissive(), { scope: security });
      expect(pa.node.path).toBe('security/PeerAuthentication');
      expect(find(Testing.synth(security), 'PeerAuthentication', 'default').spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    });
  });
});

describe('MeshNamespace across copies of the library', () => {
  test('isMeshNamespace and findAll recognize a MeshNamespace of another copy', () => {
    let Other: typeof MeshNamespace = MeshNamespace;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/constructs/mesh-namespace') as { MeshNamespace: typeof MeshNamespace }).MeshNamespace;
    });
    const chart = new Chart(Testing.app(), 'c');
    const other = new Other(chart, 'Shop', { name: 'shop' });
    expect(other instanceof MeshNamespace).toBe(false);
    expect(MeshNamespace.isMeshNamespace(other)).toBe(true);
    expect(MeshNamespace.findAll(chart, 'shop')).toEqual([other]);
    expect(MeshNamespace.isMeshNamespace(chart)).toBe(false);
  });
});

describe('MeshNamespace waypoint', () => {
  test('labels the namespace with the waypoint it uses, and with its namespace when that is another', () => {
    const { app, chart } = setup();
    const own = new Waypoint(chart, 'Own', { namespace: 'shop' });
    const shared = new Waypoint(chart, 'Shared', { namespace: 'mesh', name: 'shared', allowedNamespaces: 'all' });
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.ambient(), waypoint: own });
    new MeshNamespace(chart, 'Ops', { name: 'ops', injection: InjectionMode.ambient(), waypoint: shared });
    expect(errorsOf(app)).toEqual([]);
    const objects = chart.toJson() as KubeObject[];
    expect(find(objects, 'Namespace', 'shop').metadata.labels).toEqual({
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
    expect(find(objects, 'Namespace', 'ops').metadata.labels).toEqual({
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'shared',
      'istio.io/use-waypoint-namespace': 'mesh',
    });
  });

  test("a waypoint admitting namespaces by label is judged by the namespace's own labels", () => {
    const { app, chart } = setup();
    const byTeam = new Waypoint(chart, 'ByTeam', { namespace: 'mesh', name: 'by-team', allowedNamespaces: { team: 'shop' } });
    new MeshNamespace(chart, 'Shop', { name: 'shop', injection: InjectionMode.ambient(), labels: { team: 'shop' }, waypoint: byTeam });
    new MeshNamespace(chart, 'Blog', { name: 'blog', injection: InjectionMode.ambient(), waypoint: byTeam });
    expect(errorsOf(app)).toEqual([
      expect.stringMatching(/^\[mesh\/Blog\] waypoint mesh\/by-team admits namespaces labelled team=shop, which namespace 'blog' is not/),
    ]);
  });

  test('reports a waypoint that is not a Waypoint, one that refuses the namespace, and waypoint labels set by hand', () => {
    const { app, chart } = setup();
    const closed = new Waypoint(chart, 'Closed', { namespace: 'mesh' });
    new MeshNamespace(chart, 'A', { name: 'a', waypoint: 'waypoint' as never });
    new MeshNamespace(chart, 'B', { name: 'b', waypoint: closed, labels: { 'istio.io/use-waypoint': 'x' } });
    expect(errorsOf(app)).toEqual([
      "[mesh/A] waypoint must be a Waypoint, got 'waypoint': pass the Waypoint construct",
      "[mesh/B] waypoint mesh/waypoint admits only its own namespace, so istio refuses its use from 'b': create it with allowedNamespaces: 'all' (or labels that select 'b')",
      "[mesh/B] label 'istio.io/use-waypoint' is set by the waypoint prop: remove it from labels",
    ]);
  });
});
