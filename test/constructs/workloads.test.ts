import * as cdk8s from 'cdk8s';
import { ApiObject, type App, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import * as constructs from 'constructs';
import { Construct } from 'constructs';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { INJECTION_SUMMARY_ANNOTATION, MeshWorkload, WorkloadInjection, addToMesh } from '../../src/constructs/workloads';
import { synthWarnings } from '../../src/core/warnings';
import { UserError } from '../../src/errors';
import { InjectionMode } from '../../src/model/injection-mode';

// Real helm renders of the fixture charts; never the network.
const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

function errorsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

/** What the tests read of a synthesized pod template. */
interface PodTemplate {
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations: Record<string, string> };
  readonly spec: { readonly containers: readonly { readonly imagePullPolicy?: string }[] };
}

interface WorkloadObject {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: { readonly template: PodTemplate; readonly jobTemplate: { readonly spec: { readonly template: PodTemplate } } };
}

function podTemplateOf(objects: readonly unknown[], kind: string, name: string): PodTemplate {
  const found = (objects as readonly WorkloadObject[]).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return kind === 'CronJob' ? found.spec.jobTemplate.spec.template : found.spec.template;
}

/** The annotations of a synthesized object's own metadata. */
function ownAnnotationsOf(objects: readonly unknown[], kind: string, name: string): Record<string, string> | undefined {
  const found = (objects as readonly { kind: string; metadata: { name: string; annotations?: Record<string, string> } }[]).find(
    (o) => o.kind === kind && o.metadata.name === name,
  );
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found.metadata.annotations;
}

/** The summary goes on the pod template of rolled kinds, on the object's own metadata of Jobs and CronJobs. */
function expectSummary(objects: readonly unknown[], kind: string, name: string, summary: string): void {
  const template = podTemplateOf(objects, kind, name).metadata.annotations ?? {};
  const own = ownAnnotationsOf(objects, kind, name) ?? {};
  if (kind === 'Job' || kind === 'CronJob') {
    expect(template[INJECTION_SUMMARY_ANNOTATION]).toBeUndefined();
    expect(own[INJECTION_SUMMARY_ANNOTATION]).toBe(summary);
  } else {
    expect(template[INJECTION_SUMMARY_ANNOTATION]).toBe(summary);
    expect(own[INJECTION_SUMMARY_ANNOTATION]).toBeUndefined();
  }
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
          schedule: Cron.hourly(),
        }),
    ],
  ])('puts a %s in the mesh the same way, with the summary where its kind keeps it', (kind, make) => {
    const { app, chart } = setup();
    addToMesh(make(chart));
    const objects = Testing.synth(chart);
    expect(podTemplateOf(objects, kind, 'w').metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expectSummary(objects, kind, 'w', 'namespace=sidecar workload=webhook');
    expect(errorsOf(app)).toEqual([]);
  });

  test.each(['Job', 'CronJob'])(
    "leaves a %s's pod template byte-identical when the namespace's mode or revision changes (a Job's is immutable)",
    (kind) => {
      const synthesized = [InjectionMode.sidecar(), InjectionMode.revision('canary', { external: true })].map((mode) => {
        const { chart } = setup(mode);
        const metadata = { name: 'w', namespace: 'shop' };
        addToMesh(
          kind === 'Job'
            ? new kplus.Job(chart, 'W', { metadata, containers })
            : new kplus.CronJob(chart, 'W', { metadata, containers, schedule: Cron.hourly() }),
        );
        const objects = Testing.synth(chart);
        return { template: JSON.stringify(podTemplateOf(objects, kind, 'w')), own: ownAnnotationsOf(objects, kind, 'w') };
      });
      expect(synthesized[1].template).toBe(synthesized[0].template);
      expect(synthesized.map((s) => s.own?.[INJECTION_SUMMARY_ANNOTATION])).toEqual([
        'namespace=sidecar workload=webhook',
        'namespace=revision/canary workload=webhook',
      ]);
    },
  );

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

  test('fails in a hand-written Namespace whose labels overrule the pod, naming that object', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps');
    new ApiObject(chart, 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio.io/rev': 'stable' } } });
    addToMesh(
      new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }),
      WorkloadInjection.webhook({ revision: 'canary', external: true }),
    );
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] namespace 'shop' (apps/Ns) injects revision 'stable' (istio.io/rev=stable), so istio ignores the pod's " +
        "revision 'canary': drop the workload's revision or remove istio-injection and istio.io/rev from the labels of apps/Ns",
    ]);
  });

  test('fails in a namespace the injector always skips (kube-system)', () => {
    const app = Testing.app();
    addToMesh(new kplus.Deployment(new Chart(app, 'apps'), 'Web', { metadata: { name: 'web', namespace: 'kube-system' }, containers }));
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] namespace 'kube-system' is one the injector always skips, so istio ignores the pod label " +
        'sidecar.istio.io/inject=true: run the workload in another namespace, or use WorkloadInjection.disabled()',
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
      injection: 'true' as unknown as WorkloadInjection,
    });
    expect(errorsOf(app)[0]).toContain("injection must be a WorkloadInjection, got 'true'");
  });

  test('reports a bad option of the injection with the construct path', () => {
    const { app, chart } = setup(InjectionMode.none());
    addToMesh(
      new kplus.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers }),
      WorkloadInjection.webhook({ external: 'yes' as never }),
    );
    expect(errorsOf(app)).toEqual(["[apps/Web/Mesh] external must be true or false, got 'yes'"]);
  });
});

/** A cdk8s-plus-33 workload of each kind, in namespace shop, named w. */
const KPLUS33: Array<[string, (c: Chart) => kplus33.Workload]> = [
  ['Deployment', (c) => new kplus33.Deployment(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
  [
    'StatefulSet',
    (c) =>
      new kplus33.StatefulSet(c, 'W', {
        metadata: { name: 'w', namespace: 'shop' },
        containers,
        service: new kplus33.Service(c, 'S', { ports: [{ port: 80 }] }),
      }),
  ],
  ['DaemonSet', (c) => new kplus33.DaemonSet(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
  ['Job', (c) => new kplus33.Job(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
  ['CronJob', (c) => new kplus33.CronJob(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers, schedule: Cron.hourly() })],
];

describe('MeshWorkload with cdk8s-plus-33', () => {
  test.each(KPLUS33)('puts a %s in the mesh like a cdk8s-plus-27 one', (kind, make) => {
    const { app, chart } = setup();
    const workload = make(chart);
    const mesh = addToMesh(workload);
    const objects = Testing.synth(chart);
    expect(podTemplateOf(objects, kind, 'w').metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expectSummary(objects, kind, 'w', 'namespace=sidecar workload=webhook');
    expect(mesh.namespace).toBe('shop');
    expect(MeshWorkload.of(workload)).toEqual([mesh]);
    expect(errorsOf(app)).toEqual([]);
  });

  test("puts a workload of a second copy of cdk8s-plus-27 in the mesh (a packed install next to the user's own)", () => {
    let secondCopy: typeof kplus | undefined;
    jest.isolateModules(() => {
      // Only cdk8s-plus-27 loads twice; cdk8s and constructs are peers, shared as npm shares them.
      jest.doMock('cdk8s', () => cdk8s);
      jest.doMock('constructs', () => constructs);
      secondCopy = jest.requireActual<typeof kplus>('cdk8s-plus-27');
    });
    const { app, chart } = setup();
    const d = new secondCopy!.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers });
    expect(d instanceof kplus.Workload).toBe(false);
    addToMesh(d);
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(template.metadata.annotations[INJECTION_SUMMARY_ANNOTATION]).toBe('namespace=sidecar workload=webhook');
    expect(errorsOf(app)).toEqual([]);
  });

  test('reports a contradicting pod label set through its podMetadata', () => {
    const { app, chart } = setup();
    const d = new kplus33.Deployment(chart, 'Web', { metadata: { name: 'web', namespace: 'shop' }, containers });
    d.podMetadata.addLabel('sidecar.istio.io/inject', 'false');
    addToMesh(d);
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] pod label sidecar.istio.io/inject='false' contradicts the injection (sidecar.istio.io/inject='true'): " +
        'remove the label from podMetadata and set injection instead',
    ]);
  });
});

/** A Deployment as a plain ApiObject (what `cdk8s import` classes and `new ApiObject` give). */
function plainDeployment(
  scope: Construct,
  template: Record<string, unknown> = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
) {
  return new ApiObject(scope, 'Web', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } }, template },
  });
}

describe('MeshWorkload with a plain ApiObject', () => {
  test('patches the inject label and the summary into the pod template, keeping its labels', () => {
    const { app, chart } = setup();
    const api = plainDeployment(chart);
    addToMesh(api);
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels).toEqual({ app: 'web', 'sidecar.istio.io/inject': 'true' });
    expect(template.metadata.annotations).toEqual({ [INJECTION_SUMMARY_ANNOTATION]: 'namespace=sidecar workload=webhook' });
    expect(errorsOf(app)).toEqual([]);
  });

  test('creates the pod template metadata when the template has none', () => {
    const { chart } = setup();
    addToMesh(plainDeployment(chart, { spec: { containers: [{ name: 'web', image: 'nginx' }] } }), WorkloadInjection.disabled());
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata).toEqual({
      labels: { 'sidecar.istio.io/inject': 'false' },
      annotations: { [INJECTION_SUMMARY_ANNOTATION]: 'namespace=sidecar workload=disabled' },
    });
  });

  test('patches a CronJob under its job template, with a revision label, and puts the summary on its own metadata', () => {
    const { app, chart } = setup(InjectionMode.none());
    new Istiod(new Chart(app, 'cp'), 'Canary', { revision: 'canary', sources });
    const cron = new ApiObject(chart, 'Cron', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cron', namespace: 'shop' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });
    addToMesh(cron, WorkloadInjection.webhook({ revision: 'canary' }));
    const objects = Testing.synth(chart);
    expect(podTemplateOf(objects, 'CronJob', 'cron').metadata).toEqual({
      labels: { 'sidecar.istio.io/inject': 'true', 'istio.io/rev': 'canary' },
    });
    expect(ownAnnotationsOf(objects, 'CronJob', 'cron')).toEqual({
      [INJECTION_SUMMARY_ANNOTATION]: 'namespace=none workload=webhook/canary',
    });
    expect(errorsOf(app)).toEqual([]);
  });

  test('works with a KubeDeployment generated by cdk8s import (camelCase props, its own toJson)', () => {
    const { app, chart } = setup();
    const api = new kplus.k8s.KubeDeployment(chart, 'Web', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'Always' }] },
        },
      },
    });
    const mesh = addToMesh(api);
    expect(mesh.namespace).toBe('shop');
    const template = podTemplateOf(Testing.synth(chart), 'Deployment', 'web');
    expect(template.metadata.labels).toEqual({ app: 'web', 'sidecar.istio.io/inject': 'true' });
    expect(template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(errorsOf(app)).toEqual([]);
  });

  test('patches once however often the app is validated and synthesized', () => {
    const { app, chart } = setup();
    addToMesh(plainDeployment(chart));
    Testing.synth(chart);
    errorsOf(app);
    expect(podTemplateOf(Testing.synth(chart), 'Deployment', 'web').metadata.labels['sidecar.istio.io/inject']).toBe('true');
  });

  test('reports a pod label in the template that contradicts the injection', () => {
    const { app, chart } = setup();
    addToMesh(
      plainDeployment(chart, { metadata: { labels: { 'sidecar.istio.io/inject': 'true' } }, spec: {} }),
      WorkloadInjection.disabled(),
    );
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] pod label sidecar.istio.io/inject='true' contradicts the injection (sidecar.istio.io/inject='false'): " +
        "remove the label from the pod template's labels and set injection instead",
    ]);
  });

  test('reports a workload without a pod template', () => {
    const { app, chart } = setup();
    addToMesh(new ApiObject(chart, 'Web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }));
    expect(errorsOf(app)).toEqual([
      "[apps/Web/Mesh] Deployment 'web' has no pod template at /spec/template: give it one (pods are built from it)",
    ]);
  });

  test('never replaces a method of the user object', () => {
    const { chart } = setup();
    const api = plainDeployment(chart);
    addToMesh(api);
    Testing.synth(chart);
    expect(Object.prototype.hasOwnProperty.call(api, 'toJson')).toBe(false);
    expect(api.toJson).toBe(ApiObject.prototype.toJson);
  });
});

describe('addToMesh on something that is not a workload', () => {
  const EXPECTED =
    'expected a workload (a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or CronJob, or an ApiObject of one of those kinds)';

  test('names a cdk8s-plus Service, its name and kind', () => {
    const { app, chart } = setup();
    addToMesh(new kplus.Service(chart, 'Svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] }));
    expect(errorsOf(app)).toEqual([
      `[apps/Svc/Mesh] ${EXPECTED}, got a cdk8s-plus Service 'web' (kind Service): pass the workload that runs the pods`,
    ]);
  });

  test('names a ConfigMap ApiObject', () => {
    const { app, chart } = setup();
    addToMesh(new ApiObject(chart, 'Cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }));
    expect(errorsOf(app)).toEqual([
      `[apps/Cfg/Mesh] ${EXPECTED}, got an ApiObject 'cfg' (kind ConfigMap): pass the workload that runs the pods`,
    ]);
  });

  test('names a Deployment of an apiVersion that is not apps/v1', () => {
    const { app, chart } = setup();
    addToMesh(new ApiObject(chart, 'Old', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'old' } }));
    expect(errorsOf(app)[0]).toContain("got an ApiObject 'old' (kind Deployment, apiVersion extensions/v1beta1)");
  });

  test('names a construct that holds no Kubernetes object', () => {
    const { app, chart } = setup();
    addToMesh(new Construct(chart, 'Thing'));
    expect(errorsOf(app)).toEqual([
      `[apps/Thing/Mesh] ${EXPECTED}, got a Construct at apps/Thing, which holds no ApiObject: pass the workload that runs the pods`,
    ]);
  });

  test('throws at once for undefined, which has no construct path', () => {
    expect(() => addToMesh(undefined as never)).toThrow(new UserError(`addToMesh: ${EXPECTED}, got undefined`));
    expect(() => new MeshWorkload('web' as never, 'Mesh')).toThrow(new UserError(`MeshWorkload: ${EXPECTED}, got 'web'`));
  });
});

describe('pre-injected Jobs (immutable pod template)', () => {
  const preInjected = () => WorkloadInjection.preInjected({ external: true });
  const warningsOf = (app: App) => synthWarnings(app.node.findAll()).map((w) => `[${w.path}] ${w.message}`);
  const jobSpec = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } };

  test.each([
    ['a cdk8s-plus-27 Job', (c: Chart) => new kplus.Job(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
    ['a cdk8s-plus-33 Job', (c: Chart) => new kplus33.Job(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers })],
    [
      'an ApiObject Job',
      (c: Chart) =>
        new ApiObject(c, 'W', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'w', namespace: 'shop' }, spec: jobSpec }),
    ],
  ])('%s warns once that its apply fails after a proxy change, with the ways to recreate it', (_what, job) => {
    const { app, chart } = setup(InjectionMode.none());
    addToMesh(job(chart), preInjected());
    const warnings = warningsOf(app);
    expect(warnings).toEqual([expect.stringMatching(/^\[apps\/W\] this pre-injected Job holds the rendered sidecar in its pod template/)]);
    expect(warnings[0]).toContain('"field is immutable"');
    expect(warnings[0]).toContain('argocd.argoproj.io/sync-options: Force=true,Replace=true');
    expect(warnings[0]).toContain('kustomize.toolkit.fluxcd.io/force: enabled');
    expect(warnings[0]).toContain('WorkloadInjection.webhook()');
  });

  test.each([
    ['a pre-injected CronJob (its job template may change)', (c: Chart) => addToMesh(cronJob(c), preInjected())],
    ['a Job injected by the webhook', (c: Chart) => addToMesh(new kplus.Job(c, 'W', { metadata: { name: 'w' }, containers }))],
    [
      'a pre-injected Deployment',
      (c: Chart) => addToMesh(new kplus.Deployment(c, 'W', { metadata: { name: 'w' }, containers }), preInjected()),
    ],
  ])('%s is not warned about', (_what, build) => {
    const { app, chart } = setup(InjectionMode.none());
    build(chart);
    expect(warningsOf(app)).toEqual([]);
  });

  function cronJob(c: Chart): kplus.CronJob {
    return new kplus.CronJob(c, 'W', { metadata: { name: 'w', namespace: 'shop' }, containers, schedule: Cron.hourly() });
  }
});
