import { ApiObject, Chart } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IstioBase, type IstioBaseProps } from '../../../src/constructs/control-plane/istio-base';
import { Istiod, type IstiodProps } from '../../../src/constructs/control-plane/istiod';
import { resolveCreateNamespace } from '../../../src/constructs/control-plane/namespace';
import { MeshNamespace } from '../../../src/constructs/mesh-namespace';
import { InjectionMode } from '../../../src/model/injection-mode';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { UserError } from '../../../src/errors';
import { MeshApp } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS } from '../../engine/charts/test-helpers';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-namespace-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

function chartProps(): { sources: ChartSource[]; renderCacheDir: string } {
  return { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders };
}

function base(chart: Chart, id: string, props: IstioBaseProps = {}): IstioBase {
  return new IstioBase(chart, id, { ...chartProps(), ...props });
}

function istiod(chart: Chart, id: string, props: IstiodProps = {}): Istiod {
  return new Istiod(chart, id, { ...chartProps(), ...props });
}

function namespaces(app: MeshApp): { name: string; file: string; index: number }[] {
  return [...app.synthFiles()].flatMap(([file, text]) =>
    parseDocuments(text, file)
      .map((d, index) => ({ object: d.value as KubeObject, index }))
      .filter((d) => d.object.kind === 'Namespace')
      .map((d) => ({ name: d.object.metadata.name ?? '', file, index: d.index })),
  );
}

function synthError(app: MeshApp): string {
  try {
    app.synthFiles();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('the control-plane namespace', () => {
  test('the first control-plane construct creates its namespace, as the first object of its file; later ones share it', () => {
    const app = new MeshApp();
    const b = base(new Chart(app, 'base'), 'Base');
    const d = istiod(new Chart(app, 'istiod'), 'Istiod');
    expect(b.namespaceObject?.node.path).toBe('base/Base/Namespace');
    expect(d.namespaceObject).toBeUndefined();
    expect(namespaces(app)).toEqual([{ name: 'istio-system', file: 'base.k8s.yaml', index: 0 }]);
  });

  test('construction order decides which construct creates it, not the chart order', () => {
    const app = new MeshApp();
    const late = new Chart(app, 'a-base');
    const d = istiod(new Chart(app, 'b-istiod'), 'Istiod');
    const b = base(late, 'Base');
    expect(d.namespaceObject?.node.path).toBe('b-istiod/Istiod/Namespace');
    expect(b.namespaceObject).toBeUndefined();
  });

  test('each namespace of the control plane gets its own Namespace', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    base(chart, 'Base', { namespace: 'mesh-a' });
    istiod(chart, 'Istiod', { namespace: 'mesh-a' });
    istiod(chart, 'Other', { namespace: 'mesh-b', revision: 'b' });
    expect(namespaces(app).map((n) => n.name)).toEqual(['mesh-a', 'mesh-b']);
  });

  test('the Namespace carries no namespace even in a chart that has one', () => {
    const app = new MeshApp();
    const b = base(new Chart(app, 'cp', { namespace: 'istio-system' }), 'Base');
    expect(b.namespaceObject?.toJson()).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
  });

  test('createNamespace: false on every construct creates nothing and checks nothing', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    base(chart, 'Base', { createNamespace: false });
    istiod(chart, 'Istiod', { createNamespace: false });
    expect(namespaces(app)).toEqual([]);
  });

  test('a MeshNamespace of the same name while the control plane creates it is an error naming both and the fix', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    base(chart, 'Base');
    istiod(chart, 'Istiod');
    new MeshNamespace(new Chart(app, 'ns'), 'IstioSystem', { name: 'istio-system', injection: InjectionMode.none() });
    expect(synthError(app)).toContain(
      "[cp/Base] namespace 'istio-system' is created here (createNamespace defaults to true) and also declared by ns/IstioSystem/Resource: " +
        'keep one of them: set createNamespace: false on cp/Base, cp/Istiod, or remove ns/IstioSystem/Resource',
    );
  });

  test('a plain Namespace ApiObject of the same name is an error too, whatever the construction order', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    istiod(chart, 'Istiod');
    expect(synthError(app)).toMatch(/\[cp\/Istiod\] namespace 'istio-system' is created here .* also declared by cp\/ns:/);
  });

  test('with createNamespace: false everywhere, a MeshNamespace of the control plane is its Namespace, staged with the control plane', () => {
    const app = new MeshApp({ syncWaves: true });
    const chart = new Chart(app, 'cp');
    istiod(chart, 'Istiod', { createNamespace: false });
    new MeshNamespace(chart, 'IstioSystem', {
      name: 'istio-system',
      injection: InjectionMode.none(),
      labels: { 'topology.istio.io/network': 'n1' },
    });
    const text = app.synthFiles().get('cp.k8s.yaml') ?? '';
    const ns = parseDocuments(text).find((d) => (d.value as KubeObject).kind === 'Namespace')?.value as KubeObject;
    expect(ns.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '10' });
  });

  test('declaring the namespace managed elsewhere while another construct creates it is an error', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    base(chart, 'Base', { createNamespace: false });
    istiod(chart, 'Istiod');
    expect(synthError(app)).toContain(
      "[cp/Base] createNamespace: false declares namespace 'istio-system' managed elsewhere, but cp/Istiod creates it: " +
        'set createNamespace: false there too, or leave it unset here',
    );
  });

  test('a namespace that is neither in the output nor declared external fails the synth with one line', () => {
    const app = new MeshApp();
    const chart = new Chart(app, 'cp');
    const b = base(chart, 'Base');
    istiod(chart, 'Istiod');
    b.node.tryRemoveChild('Namespace');
    const message = synthError(app);
    expect(message).toBe(
      "synth failed: control-plane namespace 'istio-system' (of cp/Base, cp/Istiod) has no Namespace object in the output: " +
        'keep the Namespace that createNamespace adds, add one, or set createNamespace: false on cp/Base, cp/Istiod if the namespace is managed elsewhere',
    );
  });
});

describe('resolveCreateNamespace', () => {
  test('defaults to true, and to false for the namespaces Kubernetes creates', () => {
    expect(resolveCreateNamespace('istio-system', undefined)).toEqual({ value: true, errors: [] });
    expect(resolveCreateNamespace('istio-system', false)).toEqual({ value: false, errors: [] });
    expect(resolveCreateNamespace('kube-system', undefined)).toEqual({ value: false, errors: [] });
    expect(resolveCreateNamespace('default', false)).toEqual({ value: false, errors: [] });
  });

  test('an explicit true for kube-system is an error: pruning the app would delete it', () => {
    expect(resolveCreateNamespace('kube-system', true)).toEqual({
      value: false,
      errors: [
        "createNamespace: true for 'kube-system': Kubernetes creates and owns that namespace, and pruning the app would delete it; leave createNamespace unset",
      ],
    });
  });
});
