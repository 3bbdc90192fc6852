import { type App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { INJECTION_SUMMARY_ANNOTATION, MeshWorkload, WorkloadInjection, addToMesh } from '../../src/constructs/workloads';
import { InjectionMode } from '../../src/model/injection-mode';

// Real helm renders of the fixture charts; never the network.
const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

function errorsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

function podTemplateOf(objects: any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return kind === 'CronJob' ? found.spec.jobTemplate.spec.template : found.spec.template;
}

function setup(injection: InjectionMode = InjectionMode.sidecar()) {
  const app = Testing.app();
  const chart = new Chart(app, 'apps');
  new MeshNamespace(chart, 'Ns', { name: 'shop', injection });
  return { app, chart };
}

const containers = [{ image: 'nginx', portNumber: 80 }];

describe('MeshWorkload', () => {
  test('labels the pod template sidecar.istio.io/inject=true and sums up the injection', () => {
    const { app, chart } = setup();
    const d = new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers });
    addToMesh(d);
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(template.metadata.annotations).toEqual({ [INJECTION_SUMMARY_ANNOTATION]: 'namespace=sidecar workload=webhook' });
    expect(errorsOf(app)).toEqual([]);
  });

  test('labels the pod template sidecar.istio.io/inject=false when disabled', () => {
    const { chart } = setup();
    const d = new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers });
    addToMesh(d, WorkloadInjection.disabled());
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(template.metadata.annotations[INJECTION_SUMMARY_ANNOTATION]).toBe('namespace=sidecar workload=disabled');
  });

  test.each([
    [
      'StatefulSet',
      (c: Chart) =>
        new kplus.StatefulSet(c, 'W', {
          metadata: { name: 'w', namespace: 'shop' },
          containers,
          service: new kplus.Service(c, 'S', { ports: [{ port: 80 }] }),
        }),
    ],
    ['DaemonSet', (c: Chart) => new kplus.DaemonSet(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
    ['Job', (c: Chart) => new kplus.Job(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
    [
      'CronJob',
      (c: Chart) =>
        new kplus.CronJob(c, 'W', {
          metadata: { name: 'w', namespace: 'shop' },
          containers,
          schedule: { expressionString: '0 * * * *' } as any,
        }),
    ],
  ])('puts a %s in the mesh the same way', (kind, make) => {
    const { app, chart } = setup();
    addToMesh(make(chart));
    const template = podTemplateOf(Testing.synth(chart), kind, 'w');
    expect(template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(template.metadata.annotations[INJECTION_SUMMARY_ANNOTATION]).toBe('namespace=sidecar workload=webhook');
    expect(errorsOf(app)).toEqual([]);
  });

  test('changes the pod template when only the namespace mode changes', () => {
    const summaries = [InjectionMode.sidecar(), InjectionMode.revision('canary', { external: true }), InjectionMode.none()].map((mode) => {
      const { chart } = setup(mode);
      addToMesh(new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }));
      return podTemplateOf(Testing.synth(chart), 'Deployment', 'web').metadata.annotations[INJECTION_SUMMARY_ANNOTATION];
    });
    expect(summaries).toEqual([
      'namespace=sidecar workload=webhook',
      'namespace=revision/canary workload=webhook',
      'namespace=none workload=webhook',
    ]);
  });

  test('finds a namespace declared after the workload', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps');
    addToMesh(new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'late' }, containers }));
    new MeshNamespace(new Chart(app, 'namespaces'), 'Late', { name: 'late', injection: InjectionMode.ambient() });
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.annotations[INJECTION_SUMMARY_ANNOTATION]).toBe('namespace=ambient workload=webhook');
  });

  test('says unmanaged for a namespace outside the app, and uses the chart namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'elsewhere' });
    const mesh = addToMesh(new kplus.Deployment(chart, 'Web', { containers }));
    expect(mesh.namespace).toBe('elsewhere');
    expect(mesh.summary).toBe('namespace=unmanaged workload=webhook');
  });

  test('picks a revision with the pod label istio.io/rev', () => {
    const { app, chart } = setup(InjectionMode.none());
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    addToMesh(
      new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }),
      WorkloadInjection.webhook({ revision: 'canary' }),
    );
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels).toMatchObject({ 'sidecar.istio.io/inject': 'true', 'istio.io/rev': 'canary' });
    expect(template.metadata.annotations[INJECTION_SUMMARY_ANNOTATION]).toBe('namespace=none workload=webhook/canary');
    expect(errorsOf(app)).toEqual([]);
  });

  test('fails when the pod revision has no Istiod in the app', () => {
    const { app, chart } = setup(InjectionMode.none());
    addToMesh(
      new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }),
      WorkloadInjection.webhook({ revision: 'canary' }),
    );
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] revision 'canary' has no istiod in this app (this app has no istiod): add new Istiod(scope, id, { revision: 'canary' }), " +
        "or declare it external with WorkloadInjection.webhook({ revision: 'canary', external: true })",
    ]);
  });

  test('fails when the namespace disables injection but the workload asks for a sidecar', () => {
    const { app, chart } = setup(InjectionMode.disabled());
    addToMesh(new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }));
    expect(errorsOf(app)[0]).toContain(
      "[apps/Web/Mesh] namespace 'shop' has injection disabled (istio-injection=disabled), so istio ignores the pod label",
    );
  });

  test('fails when the namespace injects another revision than the pod asks for', () => {
    const { app, chart } = setup(InjectionMode.sidecar());
    addToMesh(
      new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }),
      WorkloadInjection.webhook({ revision: 'canary', external: true }),
    );
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] namespace 'shop' injects revision 'default' (sidecar), so istio ignores the pod's revision 'canary': " +
        "drop the workload's revision or set the namespace's injection to InjectionMode.none()",
    ]);
  });

  test('fails when the pod template already has a contradicting inject label', () => {
    const { app, chart } = setup();
    const d = new kplus.Deployment(chart, 'Web', {
      metadata: { name: 'web', namespace: 'shop' },
      containers,
      podMetadata: { labels: { 'sidecar.istio.io/inject': 'false' } },
    });
    addToMesh(d);
    expect(errorsOf(app)[0]).toContain(
      "pod label sidecar.istio.io/inject='false' contradicts the injection (sidecar.istio.io/inject='true')",
    );
  });

  test('fails when a workload gets mesh settings twice', () => {
    const { app, chart } = setup();
    const d = new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers });
    addToMesh(d);
    new MeshWorkload(d, 'Again');
    expect(errorsOf(app)).toEqual([
      '[apps/Web/Again] workload already has mesh settings at apps/Web/Mesh: use one MeshWorkload per workload',
    ]);
  });

  test('fails on an injection that is not a WorkloadInjection', () => {
    const { app, chart } = setup();
    new MeshWorkload(new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }), 'Mesh', {
      injection: 'true' as any,
    });
    expect(errorsOf(app)[0]).toContain("injection must be a WorkloadInjection, got 'true'");
  });
});
