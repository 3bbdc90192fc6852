import { App, ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OutputLayout } from '../../src/core/output-layout';
import { Stage } from '../../src/core/stage';
import { UserError } from '../../src/errors';
import { collectObjects } from '../../src/synth/collect';
import { planOutput } from '../../src/synth/plan';

function sample(): { app: App; controlPlane: Construct } {
  const app = new App();
  const cp = new Chart(app, 'cp');
  const controlPlane = new Construct(cp, 'istiod');
  new ApiObject(controlPlane, 'hook', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'v' },
  });
  new ApiObject(controlPlane, 'deploy', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'istiod', namespace: 'istio-system' },
  });
  const shop = new Chart(app, 'shop');
  new ApiObject(shop, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  new ApiObject(shop, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
  new ApiObject(shop, 'argo', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' } });
  return { app, controlPlane };
}

function find(plan: ReturnType<typeof planOutput>, kind: string, name: string) {
  const found = plan.objects.find((o) => o.object.kind === kind && o.object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

describe('planOutput', () => {
  test('stage folders: each object goes to its stage folder, in a file named after its chart', () => {
    const { app, controlPlane } = sample();
    const plan = planOutput(collectObjects(app), {
      layout: OutputLayout.stageFolders(),
      syncWaves: false,
      fileExtension: '.k8s.yaml',
      controlPlane: { constructs: [controlPlane], namespaces: new Set(['istio-system']) },
    });
    expect(find(plan, 'ValidatingWebhookConfiguration', 'v')).toMatchObject({
      stage: Stage.controlPlane(),
      file: '10-control-plane/cp.k8s.yaml',
    });
    expect(find(plan, 'Namespace', 'shop')).toMatchObject({ stage: Stage.namespaces(), file: '20-namespaces/shop.k8s.yaml' });
    expect(find(plan, 'Deployment', 'web')).toMatchObject({ stage: Stage.workloads(), file: '30-workloads/shop.k8s.yaml' });
    expect(find(plan, 'Application', 'a')).toMatchObject({ stage: undefined, file: 'gitops/shop.k8s.yaml' });
  });

  test('file per chart: one file per chart at the top, stages still known', () => {
    const { app, controlPlane } = sample();
    const plan = planOutput(collectObjects(app), {
      layout: OutputLayout.filePerChart(),
      syncWaves: true,
      fileExtension: '.k8s.yaml',
      controlPlane: { constructs: [controlPlane], namespaces: new Set() },
    });
    expect(find(plan, 'Deployment', 'istiod')).toMatchObject({ stage: Stage.controlPlane(), file: 'cp.k8s.yaml' });
    expect(find(plan, 'Deployment', 'web')).toMatchObject({ file: 'shop.k8s.yaml' });
  });

  test('an explicit stage assignment wins over the classifier', () => {
    const { app } = sample();
    Stage.assign(app.node.findChild('shop').node.findChild('web'), Stage.policies());
    const plan = planOutput(collectObjects(app), {
      layout: OutputLayout.stageFolders(),
      syncWaves: false,
      fileExtension: '.k8s.yaml',
      controlPlane: { constructs: [], namespaces: new Set() },
    });
    expect(find(plan, 'Deployment', 'web').stage).toBe(Stage.policies());
  });

  test('nested charts are named by their path, and two charts writing one file are an error', () => {
    const app = new App();
    const parent = new Chart(app, 'a');
    new ApiObject(new Chart(parent, 'b'), 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } });
    new ApiObject(new Chart(app, 'a-b'), 'y', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y', namespace: 'n' } });
    const options = {
      layout: OutputLayout.filePerChart(),
      syncWaves: false,
      fileExtension: '.k8s.yaml',
      controlPlane: { constructs: [], namespaces: new Set<string>() },
    };
    expect(() => planOutput(collectObjects(app), options)).toThrow(UserError);
    expect(() => planOutput(collectObjects(app), options)).toThrow(/charts a\/b and a-b would both write a-b.k8s.yaml/);
  });

  test('file names end in the given extension', () => {
    const { app } = sample();
    const plan = planOutput(collectObjects(app), {
      layout: OutputLayout.stageFolders(),
      syncWaves: false,
      fileExtension: '.yml',
      controlPlane: { constructs: [], namespaces: new Set() },
    });
    expect(find(plan, 'Deployment', 'web').file).toBe('30-workloads/shop.yml');
  });

  test('a chart file named like the generated kustomization is an error where kustomizations are written', () => {
    const app = new App();
    new ApiObject(new Chart(app, 'kustomization'), 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } });
    const options = { syncWaves: false, fileExtension: '.yaml', controlPlane: { constructs: [], namespaces: new Set<string>() } };
    expect(() => planOutput(collectObjects(app), { ...options, layout: OutputLayout.stageFolders() })).toThrow(
      /chart kustomization would write kustomization.yaml, the file name of the generated kustomizations: rename the chart or change outputFileExtension/,
    );
    expect(find(planOutput(collectObjects(app), { ...options, layout: OutputLayout.filePerChart() }), 'ConfigMap', 'x').file).toBe(
      'kustomization.yaml',
    );
  });
});
