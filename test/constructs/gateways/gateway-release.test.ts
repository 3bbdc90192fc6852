import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type App, Chart, Testing } from 'cdk8s';
import { Istiod } from '../../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../../src/constructs/control-plane/revision-tag';
import { EgressGateway } from '../../../src/constructs/gateways/egress-gateway';
import { type GatewayProps } from '../../../src/constructs/gateways/gateway-release';
import { IngressGateway } from '../../../src/constructs/gateways/ingress-gateway';
import { MeshNamespace } from '../../../src/constructs/mesh-namespace';
import { synthWarnings } from '../../../src/core/warnings';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { InjectionMode } from '../../../src/model/injection-mode';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { MeshApp } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, findObject, useTempDir } from '../../engine/charts/test-helpers';

const tmp = useTempDir('gateway-release-test-');
let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const chartProps = (): { sources: ChartSource[]; renderCacheDir: string } => ({
  sources: [ChartSource.localDir(FIXTURE_CHARTS)],
  renderCacheDir: renders,
});

function ingress(props: GatewayProps = {}): { chart: Chart; gateway: IngressGateway } {
  const chart = new Chart(Testing.app(), 'edge');
  return { chart, gateway: new IngressGateway(chart, 'Ingress', { ...chartProps(), ...props }) };
}

function warningsOf(chart: Chart): string[] {
  return synthWarnings(chart.node.findAll()).map((w) => w.message);
}

/** Synth through MeshApp; returns every written object. */
function synthApp(build: (app: MeshApp) => void, options: { syncWaves?: boolean } = {}): KubeObject[] {
  const outdir = path.join(tmp(), 'dist');
  const app = new MeshApp({ outdir, syncWaves: options.syncWaves });
  build(app);
  app.synth();
  return fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map((d) => d.value as KubeObject));
}

function synthError(build: (app: MeshApp) => void): string {
  try {
    synthApp(build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('GatewayRelease (shared by IngressGateway and EgressGateway)', () => {
  test('creates its namespace first, like --create-namespace', () => {
    const objects = Testing.synth(ingress().chart);
    expect(objects[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-ingress' } });
    expect(findObject(objects, 'Deployment', 'istio-ingressgateway').metadata.namespace).toBe('istio-ingress');
  });

  test('createNamespace: false adds no Namespace', () => {
    const { chart, gateway } = ingress({ createNamespace: false });
    expect(gateway.namespaceObject).toBeUndefined();
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('never creates a namespace Kubernetes owns (default, kube-system)', () => {
    const { chart, gateway } = ingress({ namespace: 'default' });
    expect(gateway.createNamespace).toBe(false);
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('shares a namespace with the control plane instead of creating it twice', () => {
    const objects = synthApp((app) => {
      const chart = new Chart(app, 'mesh');
      new Istiod(chart, 'Istiod', chartProps());
      new IngressGateway(chart, 'Ingress', { ...chartProps(), namespace: 'istio-system' });
    });
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['istio-system']);
  });

  test('two gateways in one namespace share its Namespace object', () => {
    const chart = new Chart(Testing.app(), 'edge');
    const a = new IngressGateway(chart, 'A', { ...chartProps(), namespace: 'edge' });
    const b = new EgressGateway(chart, 'B', { ...chartProps(), namespace: 'edge' });
    expect(a.namespaceObject).toBeDefined();
    expect(b.namespaceObject).toBeUndefined();
  });

  test('a MeshNamespace of the same name is a synth error that names both and the fix', () => {
    const message = synthError((app) => {
      const chart = new Chart(app, 'edge');
      new MeshNamespace(chart, 'Ns', { name: 'istio-ingress' });
      new IngressGateway(chart, 'Ingress', chartProps());
    });
    expect(message).toContain("namespace 'istio-ingress' is created here");
    expect(message).toContain('set createNamespace: false on edge/Ingress');
  });

  test('reads pod selector, Service name and ports from the rendered objects', () => {
    const { gateway } = ingress({ name: 'public-gw', values: { service: { ports: [{ name: 'http', port: 8080, targetPort: 8081 }] } } });
    expect(gateway.podSelector).toEqual({ app: 'public-gw', istio: 'public-gw' });
    expect(gateway.serviceName).toBe('public-gw');
    expect(gateway.servicePorts).toEqual([{ name: 'http', port: 8080, targetPort: 8081 }]);
  });

  test("the selector follows labels.app and labels.istio, as the chart's does", () => {
    expect(ingress({ values: { labels: { istio: 'public' } } }).gateway.podSelector).toEqual({
      app: 'istio-ingressgateway',
      istio: 'public',
    });
  });

  test('service.type None: no Service, no ports', () => {
    const { chart, gateway } = ingress({ values: { service: { type: 'None' } } });
    expect(Testing.synth(chart).some((o) => o.kind === 'Service')).toBe(false);
    expect(gateway.servicePorts).toEqual([]);
  });

  test('a revision labels the pods for that revision and is exposed', () => {
    const { chart, gateway } = ingress({ values: { revision: 'canary' }, externalRevision: true });
    expect(gateway.revision).toBe('canary');
    const labels = findObject(Testing.synth(chart), 'Deployment', 'istio-ingressgateway').spec.template.metadata.labels;
    expect(labels).toMatchObject({ 'istio.io/rev': 'canary', 'sidecar.istio.io/inject': 'true' });
  });

  test('extraValues merge over values', () => {
    const { chart, gateway } = ingress({ values: { env: { A: '1' } }, extraValues: { env: { B: '2' } } });
    expect(gateway.values.env).toEqual({ A: '1', B: '2' });
    const env = findObject(Testing.synth(chart), 'Deployment', 'istio-ingressgateway').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });

  // Istio's 1.30.3 chart writes the labels app and istio twice on its NetworkPolicy; helm install and kubectl keep the last.
  test('global.networkPolicy.enabled renders the NetworkPolicy although the chart repeats its app label', () => {
    const { chart } = ingress({ values: { global: { networkPolicy: { enabled: true } }, labels: { app: 'edge' } } });
    const policy = findObject(Testing.synth(chart), 'NetworkPolicy', 'istio-ingressgateway');
    expect(policy.metadata.labels).toMatchObject({ app: 'edge', istio: 'ingressgateway' });
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: 'edge', istio: 'ingressgateway' } });
  });

  test('a PodDisruptionBudget the chart would drop (one pod) is a synth warning with the fix, and none is rendered', () => {
    const { chart } = ingress({ values: { podDisruptionBudget: { minAvailable: 1 } } });
    expect(Testing.synth(chart).some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    const warnings = warningsOf(chart);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('raise autoscaling.minReplicas to 2 or more');
  });

  test('with two pods the PodDisruptionBudget is rendered and nothing is warned', () => {
    const { chart } = ingress({ values: { autoscaling: { minReplicas: 2 }, podDisruptionBudget: { minAvailable: 1 } } });
    const pdb = findObject(Testing.synth(chart), 'PodDisruptionBudget', 'istio-ingressgateway');
    expect(pdb.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } } });
    expect(warningsOf(chart)).toEqual([]);
  });

  test('invalid values and names fail synth with one line each, naming the value and the fix, without rendering', () => {
    const message = synthError((app) => {
      new IngressGateway(new Chart(app, 'edge'), 'Ingress', {
        ...chartProps(),
        name: 'Bad_Name',
        values: { replicaCount: -1, service: { type: 'External' as 'ClusterIP' } },
      });
    });
    expect(message).toContain("name 'Bad_Name' is not a valid dns-1123 label");
    expect(message).toContain('values.replicaCount is -1: must be an integer >= 0');
    expect(message).toContain('values.service.type is "External": must be one of LoadBalancer, NodePort, ClusterIP, None');
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('a chart that is not found is a synth error, not an exception from the constructor', () => {
    const empty = fs.mkdtempSync(path.join(tmp(), 'charts-'));
    const message = synthError((app) => {
      new IngressGateway(new Chart(app, 'edge'), 'Ingress', { sources: [ChartSource.localDir(empty)], renderCacheDir: renders });
    });
    expect(message).toContain("istio chart 'gateway' version 1.30.3 not found");
  });

  test("gateway objects apply after istiod (workloads stage), its Namespace with the namespaces, even in istiod's namespace", () => {
    const objects = synthApp(
      (app) => {
        const chart = new Chart(app, 'mesh');
        new Istiod(chart, 'Istiod', chartProps());
        new IngressGateway(chart, 'Ingress', chartProps());
        new EgressGateway(chart, 'Egress', { ...chartProps(), namespace: 'istio-system' });
      },
      { syncWaves: true },
    );
    const wave = (kind: string, name: string): number =>
      Number(findObject(objects, kind, name).metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave('Deployment', 'istiod')).toBe(10);
    expect(wave('Namespace', 'istio-ingress')).toBe(20);
    expect(wave('Deployment', 'istio-ingressgateway')).toBe(30);
    expect(wave('Service', 'istio-ingressgateway')).toBe(30);
    expect(wave('Deployment', 'istio-egressgateway')).toBe(30);
  });
});

describe('the revision whose injector fills in the gateway pods', () => {
  const errorsOf = (app: App) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  function build(withControlPlane: (cp: Chart) => void, gateway: (edge: Chart) => void): string[] {
    const app = Testing.app();
    withControlPlane(new Chart(app, 'cp'));
    gateway(new Chart(app, 'edge'));
    return errorsOf(app);
  }
  const canary = (cp: Chart) => new Istiod(cp, 'Canary', { ...chartProps(), revision: 'canary' });

  test('values.revision without an Istiod or RevisionTag of the app fails, naming the gateway and both fixes', () => {
    const errors = build(canary, (edge) => new EgressGateway(edge, 'Egress', { ...chartProps(), values: { revision: 'stable' } }));
    expect(errors).toEqual([
      "[edge/Egress] gateway istio-egress/istio-egressgateway: revision 'stable' has no istiod in this app (istiod revisions " +
        "in this app: canary): add new Istiod(scope, id, { revision: 'stable' }), or declare it external with " +
        "new EgressGateway(scope, id, { values: { revision: 'stable' }, externalRevision: true })",
    ]);
  });

  test('values.revision in an app without any Istiod is not judged: the control plane is installed elsewhere', () => {
    const errors = build(
      () => undefined,
      (edge) => {
        new IngressGateway(edge, 'Elsewhere', { ...chartProps(), name: 'elsewhere', values: { revision: 'canary' } });
      },
    );
    expect(errors).toEqual([]);
  });

  test('values.revision served by an Istiod or a RevisionTag of the app passes', () => {
    const errors = build(
      (cp) => new RevisionTag(cp, 'Prod', { name: 'prod', revision: canary(cp) }),
      (edge) => {
        new IngressGateway(edge, 'ByRevision', { ...chartProps(), name: 'by-revision', values: { revision: 'canary' } });
        new IngressGateway(edge, 'ByTag', { ...chartProps(), name: 'by-tag', values: { revision: 'prod' } });
      },
    );
    expect(errors).toEqual([]);
  });

  test('a values.revision that is not a name gets only the value error', () => {
    const errors = build(canary, (edge) => new IngressGateway(edge, 'Ingress', { ...chartProps(), values: { revision: 'Canary' } }));
    expect(errors).toEqual([expect.stringMatching(/^\[edge\/Ingress\] values\.revision is "Canary"/)]);
  });

  test('externalRevision that is not a boolean fails', () => {
    const errors = build(
      canary,
      (edge) => new IngressGateway(edge, 'Ingress', { ...chartProps(), externalRevision: 'yes' as unknown as boolean }),
    );
    expect(errors).toEqual(["[edge/Ingress] externalRevision must be true or false, got 'yes'"]);
  });

  test('without a revision, fails when the app has Istiods but none serves the default revision', () => {
    const errors = build(canary, (edge) => new IngressGateway(edge, 'Ingress', chartProps()));
    expect(errors).toEqual([
      '[edge/Ingress] gateway istio-ingress/istio-ingressgateway names no revision, which only the default revision serves, ' +
        "but this app has no Istiod without revision and no RevisionTag 'default' (istiod revisions in this app: canary): " +
        "add new RevisionTag(scope, id, { name: 'default', revision: <Istiod> }), or give it a revision: " +
        "new IngressGateway(scope, id, { values: { revision: '<revision or tag>' } }) " +
        '(new IngressGateway(scope, id, { externalRevision: true }) for a default revision installed elsewhere)',
    ]);
  });

  test.each([
    ['an Istiod without revision', (cp: Chart) => new Istiod(cp, 'Istiod', chartProps())],
    ["a RevisionTag 'default'", (cp: Chart) => new RevisionTag(cp, 'Default', { name: 'default', revision: canary(cp) })],
    ['no Istiod at all (control plane elsewhere)', () => undefined],
  ])('without a revision, passes with %s', (_what, controlPlane) => {
    expect(build(controlPlane, (edge) => new IngressGateway(edge, 'Ingress', chartProps()))).toEqual([]);
  });

  test('without a revision, externalRevision declares the default revision installed elsewhere', () => {
    expect(build(canary, (edge) => new IngressGateway(edge, 'Ingress', { ...chartProps(), externalRevision: true }))).toEqual([]);
  });

  test('without a revision in a MeshNamespace labeled istio.io/rev, that revision injects (the MeshNamespace checks it)', () => {
    const errors = build(canary, (edge) => {
      new MeshNamespace(edge, 'Ns', { name: 'istio-ingress', injection: InjectionMode.revision('canary') });
      new IngressGateway(edge, 'Ingress', { ...chartProps(), createNamespace: false });
    });
    expect(errors).toEqual([]);
  });
});
