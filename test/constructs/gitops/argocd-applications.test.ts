import { App, ApiObject, Chart } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ArgoCdApplications, ArgoCdSync, webhookConfigurations } from '../../../src/constructs/gitops/argocd-applications';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { UserError } from '../../../src/errors';
import { OutputLayout } from '../../../src/core/output-layout';
import { Stage, SYNC_WAVE_ANNOTATION } from '../../../src/core/stage';
import { MeshApp } from '../../../src/synth/mesh-app';
import { sampleApp } from '../../synth/sample-app';

const REPO = 'https://git.example.com/mesh.git';
const CA_BUNDLE = '.webhooks[]?.clientConfig.caBundle';
const FAILURE_POLICY = '.webhooks[]?.failurePolicy';

let root = '';
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-apps-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function allObjects(files: ReadonlyMap<string, string>): KubeObject[] {
  return [...files]
    .filter(([f]) => !f.endsWith('kustomization.yaml'))
    .flatMap(([f, text]) => parseDocuments(text, f).map((d) => d.value as KubeObject));
}

/** The fields of an Argo CD Application these tests read. */
interface Application {
  readonly apiVersion: string;
  readonly metadata: KubeObject['metadata'];
  readonly spec: {
    readonly project: string;
    readonly source: Record<string, unknown>;
    readonly destination: Record<string, unknown>;
    readonly syncPolicy: { readonly automated?: unknown; readonly syncOptions: string[] };
    readonly ignoreDifferences?: { readonly name: string }[];
  };
}

function application(objects: readonly KubeObject[], name: string): Application {
  const found = objects.find((o) => o.kind === 'Application' && o.metadata.name === name);
  if (!found)
    throw new Error(
      `no Application ${name} in [${objects
        .filter((o) => o.kind === 'Application')
        .map((o) => o.metadata.name)
        .join(', ')}]`,
    );
  return found as unknown as Application;
}

/** A MeshApp without helm: a control-plane-like chart, a workload and a webhook of the user's own. */
function smallApp(props: ConstructorParameters<typeof MeshApp>[0] = {}): MeshApp {
  const app = new MeshApp({ layout: OutputLayout.stageFolders(), ...props });
  const cp = new Chart(app, 'cp');
  Stage.assign(cp, Stage.controlPlane());
  new ApiObject(cp, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
  new ApiObject(cp, 'istiod', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system' } });
  const shop = new Chart(app, 'shop');
  new ApiObject(shop, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
  // Rendered fail-open, as helm template renders a validator when base.validationFailurePolicy is not set.
  new ApiObject(shop, 'hook', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'shop-defaults' },
    webhooks: [{ name: 'defaults.shop.example.com', failurePolicy: 'Ignore' }],
  });
  return app;
}

describe('ArgoCdApplications with stage folders', () => {
  const files = (() => {
    let cached: Map<string, string> | undefined;
    return () => {
      if (!cached) {
        const app = sampleApp({
          outdir: path.join(root, 'out'),
          renderCacheDir: path.join(root, 'renders'),
          layout: 'stage-folders',
          argo: true,
        });
        cached = app.synthFiles();
      }
      return cached;
    };
  })();

  test('one Application per stage folder, each pointing at its folder and carrying its wave', () => {
    const objects = allObjects(files());
    const apps = objects.filter((o) => o.kind === 'Application');
    expect(apps.map((a) => a.metadata.name)).toEqual([
      'mesh-crds',
      'mesh-control-plane',
      'mesh-namespaces',
      'mesh-workloads',
      'mesh-policies',
    ]);
    const cp = application(objects, 'mesh-control-plane');
    expect(cp.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(cp.metadata).toEqual({ annotations: { [SYNC_WAVE_ANNOTATION]: '10' }, name: 'mesh-control-plane', namespace: 'argocd' });
    expect(cp.spec.source).toEqual({ path: 'dist/10-control-plane', repoURL: REPO, targetRevision: 'HEAD' });
    expect(cp.spec.destination).toEqual({ namespace: 'istio-system', server: 'https://kubernetes.default.svc' });
    expect(cp.spec.project).toBe('default');
    expect(cp.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['RespectIgnoreDifferences=true', 'ServerSideApply=true'],
    });
    expect(application(objects, 'mesh-policies').spec.source.path).toBe('dist/40-policies');
  });

  test('the Applications are written to gitops/, outside every stage folder', () => {
    const f = files();
    expect(f.has('gitops/argocd.k8s.yaml')).toBe(true);
    for (const [file, text] of f) {
      if (!file.startsWith('gitops/')) expect(text).not.toContain('kind: Application\n');
    }
  });

  test('ignoreDifferences covers the CA bundle of every webhook configuration of the output, every revision included', () => {
    const objects = allObjects(files());
    const webhooks = objects.filter((o) => o.kind.endsWith('WebhookConfiguration'));
    expect(webhooks.map((w) => w.metadata.name)).toEqual(
      expect.arrayContaining([
        'istio-sidecar-injector',
        'istio-sidecar-injector-canary',
        'istio-validator-canary-istio-system',
        'istiod-default-validator',
      ]),
    );
    const ignored = application(objects, 'mesh-control-plane').spec.ignoreDifferences;
    expect(ignored).toHaveLength(webhooks.length);
    for (const w of webhooks) {
      expect(ignored).toContainEqual({
        group: 'admissionregistration.k8s.io',
        kind: w.kind,
        name: w.metadata.name,
        jqPathExpressions: [CA_BUNDLE],
      });
    }
  });

  test('a staged app renders every webhook failurePolicy Fail, so no failure policy is ignored', () => {
    const objects = allObjects(files());
    const policies = objects
      .filter((o) => o.kind.endsWith('WebhookConfiguration'))
      .flatMap((o) => (o.webhooks as { failurePolicy?: string }[]).map((w) => `${o.metadata.name}: ${w.failurePolicy}`));
    expect(policies.filter((p) => !p.endsWith(': Fail'))).toEqual([]);
    expect(JSON.stringify(application(objects, 'mesh-control-plane').spec.ignoreDifferences)).not.toContain(FAILURE_POLICY);
  });

  test('Applications of stages without webhooks ignore nothing', () => {
    const objects = allObjects(files());
    expect(application(objects, 'mesh-workloads').spec.ignoreDifferences).toBeUndefined();
  });
});

describe('ArgoCdApplications', () => {
  test('webhook names come from the actual output: a webhook in another stage goes to that Application', () => {
    const app = smallApp();
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: REPO });
    const objects = allObjects(app.synthFiles());
    expect(application(objects, 'mesh-workloads').spec.ignoreDifferences).toEqual([
      {
        group: 'admissionregistration.k8s.io',
        kind: 'MutatingWebhookConfiguration',
        name: 'shop-defaults',
        jqPathExpressions: [CA_BUNDLE, FAILURE_POLICY],
      },
    ]);
    expect(application(objects, 'mesh-control-plane').spec.ignoreDifferences).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'Application').map((o) => o.metadata.name)).toEqual(['mesh-control-plane', 'mesh-workloads']);
  });

  test('file per chart with sync waves: one Application for the whole output', () => {
    const app = smallApp({ layout: OutputLayout.filePerChart(), syncWaves: true });
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: REPO, path: 'clusters/prod/dist/', namePrefix: 'prod-mesh' });
    const objects = allObjects(app.synthFiles());
    const only = application(objects, 'prod-mesh');
    expect(objects.filter((o) => o.kind === 'Application')).toHaveLength(1);
    expect(only.spec.source.path).toBe('clusters/prod/dist');
    expect(only.metadata.annotations).toBeUndefined();
    expect(only.spec.ignoreDifferences?.map((i) => i.name)).toEqual(['shop-defaults']);
    expect(only.spec.source.directory).toBeUndefined();
  });

  test("the single Application skips cdk8s's construct-metadata.json when the app records it", () => {
    const app = smallApp({ layout: OutputLayout.filePerChart(), syncWaves: true, recordConstructMetadata: true });
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: REPO });
    const files = app.synthFiles();
    expect(files.has('construct-metadata.json')).toBe(true);
    expect(application(allObjects(new Map([...files].filter(([f]) => f.endsWith('.yaml')))), 'mesh').spec.source).toEqual({
      directory: { exclude: 'construct-metadata.json' },
      path: 'dist',
      repoURL: REPO,
      targetRevision: 'HEAD',
    });
  });

  test('Applications per stage folder find the stages of a plan made by another copy of the library', () => {
    let other: typeof Stage = Stage;
    jest.isolateModules(() => {
      other = (jest.requireActual('../../../src/core/stage') as { Stage: typeof Stage }).Stage;
    });
    const apps = new ArgoCdApplications(new Chart(smallApp(), 'argocd'), 'apps', { repoUrl: REPO });
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    apps.describeOutput({
      layout: OutputLayout.stageFolders(),
      syncWaves: false,
      objects: [{ object, constructPath: 'shop/web', stage: other.workloads(), file: '30-workloads/shop.k8s.yaml' }],
    });
    expect(apps.node.children.map((c) => c.node.id)).toEqual(['workloads']);
  });

  test('options: manual sync, client-side apply, extra sync options, project, revision, destination', () => {
    const app = smallApp();
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', {
      repoUrl: REPO,
      targetRevision: 'v1.2.0',
      project: 'mesh',
      namespace: 'gitops',
      sync: ArgoCdSync.manual(),
      serverSideApply: false,
      syncOptions: ['PruneLast=true'],
      destinationServer: 'https://prod.example.com',
      destinationNamespace: 'default',
    });
    const cp = application(allObjects(app.synthFiles()), 'mesh-control-plane');
    expect(cp.metadata.namespace).toBe('gitops');
    expect(cp.spec.project).toBe('mesh');
    expect(cp.spec.source.targetRevision).toBe('v1.2.0');
    expect(cp.spec.destination).toEqual({ namespace: 'default', server: 'https://prod.example.com' });
    expect(cp.spec.syncPolicy).toEqual({ syncOptions: ['RespectIgnoreDifferences=true', 'PruneLast=true'] });
  });

  test('automated sync without prune or self-heal', () => {
    const app = smallApp();
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', {
      repoUrl: REPO,
      sync: ArgoCdSync.automated({ prune: false, selfHeal: false }),
    });
    expect(application(allObjects(app.synthFiles()), 'mesh-workloads').spec.syncPolicy.automated).toEqual({
      prune: false,
      selfHeal: false,
    });
  });

  test('fails for a single Application without sync waves, which would apply everything at once', () => {
    const app = smallApp({ layout: OutputLayout.filePerChart() });
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: REPO });
    expect(() => app.synthFiles()).toThrow(UserError);
    expect(() => app.synthFiles()).toThrow(
      /\[argocd\/apps\] a single application applies the whole output at once.*set syncWaves: true on the MeshApp, or use layout: OutputLayout.stageFolders\(\)/,
    );
  });

  test('fails outside a MeshApp', () => {
    const app = new App();
    const apps = new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: REPO });
    expect(apps.node.validate()).toEqual(['argo cd applications need a MeshApp as the root: only MeshApp plans the stages they deploy']);
  });

  test('reports every bad prop at once', () => {
    const app = smallApp();
    const apps = new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', {
      repoUrl: ' ',
      path: '../elsewhere',
      namePrefix: 'Mesh',
      namespace: 'argo_cd',
    });
    expect(apps.node.validate()).toEqual([
      "repoUrl '' is empty: set the URL of the Git repository that holds the output",
      "path '../elsewhere' must be relative to the repository root and stay inside it, e.g. 'dist'",
      "namespace 'argo_cd' is not a DNS label: use lower-case letters, digits and '-', at most 63 characters",
      "namePrefix 'Mesh' is not a DNS label: use lower-case letters, digits and '-', at most 63 characters",
    ]);
  });
});

describe('webhookConfigurations', () => {
  test('lists mutating and validating webhook configurations sorted by kind and name', () => {
    const hook = (kind: string, name: string) => ({ object: { apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name } } });
    const list = webhookConfigurations([
      hook('ValidatingWebhookConfiguration', 'b'),
      { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } },
      hook('ValidatingWebhookConfiguration', 'a'),
      hook('MutatingWebhookConfiguration', 'z'),
    ]);
    expect(list.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'MutatingWebhookConfiguration/z',
      'ValidatingWebhookConfiguration/a',
      'ValidatingWebhookConfiguration/b',
    ]);
  });
});
