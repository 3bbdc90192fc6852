import { App, ApiObject, Chart, Duration } from 'cdk8s';
import { FluxKustomizations, FluxSource } from '../../../src/constructs/gitops/flux-kustomizations';
import { OutputLayout } from '../../../src/core/output-layout';
import { Stage } from '../../../src/core/stage';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { UserError } from '../../../src/errors';
import { MeshApp } from '../../../src/synth/mesh-app';
import { at } from '../../support/json';

function meshApp(layout = OutputLayout.stageFolders()): MeshApp {
  const app = new MeshApp({ layout });
  const cp = new Chart(app, 'cp');
  Stage.assign(cp, Stage.controlPlane());
  new ApiObject(cp, 'istiod', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system' } });
  new ApiObject(new Chart(app, 'crds'), 'crd', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'a.example.com' },
  });
  const shop = new Chart(app, 'shop');
  new ApiObject(shop, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
  new ApiObject(shop, 'mtls', {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: 'shop' },
  });
  return app;
}

function kustomizations(app: MeshApp): Map<string, KubeObject> {
  const text = app.synthFiles().get('gitops/flux.k8s.yaml');
  if (text === undefined) throw new Error('no gitops/flux.k8s.yaml');
  return new Map(
    parseDocuments(text)
      .map((d) => d.value as KubeObject)
      .map((o) => [o.metadata.name!, o]),
  );
}

describe('FluxKustomizations', () => {
  test('one Kustomization per non-empty stage folder, each depending on the one before and waiting for health', () => {
    const app = meshApp();
    new FluxKustomizations(new Chart(app, 'flux'), 'stages', { source: FluxSource.gitRepository('mesh') });
    const k = kustomizations(app);
    expect([...k.keys()]).toEqual(['mesh-crds', 'mesh-control-plane', 'mesh-workloads', 'mesh-policies']);
    expect(k.get('mesh-crds')).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'mesh-crds', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        path: './dist/00-crds',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'mesh' },
        timeout: '5m',
        wait: true,
      },
    });
    expect(at(k.get('mesh-control-plane'), 'spec', 'dependsOn')).toEqual([{ name: 'mesh-crds' }]);
    expect(at(k.get('mesh-workloads'), 'spec', 'dependsOn')).toEqual([{ name: 'mesh-control-plane' }]);
    expect(at(k.get('mesh-policies'), 'spec', 'dependsOn')).toEqual([{ name: 'mesh-workloads' }]);
  });

  test('options: source kind and namespace, path, names, interval, timeout, prune', () => {
    const app = meshApp();
    new FluxKustomizations(new Chart(app, 'flux'), 'stages', {
      source: FluxSource.ociRepository('mesh-artifact', 'sources'),
      path: './clusters/prod/',
      namespace: 'flux',
      namePrefix: 'prod',
      interval: Duration.seconds(90),
      timeout: Duration.minutes(15),
      prune: false,
    });
    const cp = kustomizations(app).get('prod-control-plane');
    expect(cp?.metadata.namespace).toBe('flux');
    expect(cp?.spec).toMatchObject({
      interval: '90s',
      timeout: '15m',
      prune: false,
      path: './clusters/prod/10-control-plane',
      sourceRef: { kind: 'OCIRepository', name: 'mesh-artifact', namespace: 'sources' },
    });
  });

  test('needs the stage-folders layout', () => {
    const app = meshApp(OutputLayout.filePerChart());
    new FluxKustomizations(new Chart(app, 'flux'), 'stages', { source: FluxSource.bucket('b') });
    expect(() => app.synthFiles()).toThrow(UserError);
    expect(() => app.synthFiles()).toThrow(
      /\[flux\/stages\] flux kustomizations deploy one stage folder each: use layout: OutputLayout.stageFolders\(\) on the MeshApp/,
    );
  });

  test('needs a MeshApp, and reports bad names and paths', () => {
    const k = new FluxKustomizations(new Chart(new App(), 'flux'), 'stages', {
      source: FluxSource.gitRepository('mesh'),
      path: '/abs',
      namePrefix: 'Prod',
    });
    expect(k.node.validate()).toEqual([
      'flux kustomizations need a MeshApp as the root: only MeshApp plans the stages they deploy',
      "path '/abs' must be relative to the repository root and stay inside it, e.g. 'dist'",
      "namePrefix 'Prod' is not a DNS label: use lower-case letters, digits and '-', at most 63 characters",
    ]);
    expect(() => FluxSource.gitRepository('')).toThrow(/the GitRepository name is empty/);
  });
});
