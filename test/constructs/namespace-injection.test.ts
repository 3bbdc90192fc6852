import { ApiObject, Chart, Testing } from 'cdk8s';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { namespaceOverrule } from '../../src/constructs/namespace-injection';
import { InjectionMode } from '../../src/model/injection-mode';

function chart(): Chart {
  return new Chart(Testing.app(), 'c');
}

const labelled = (scope: Chart, name: string, labels: Record<string, string>) =>
  new ApiObject(scope, 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

describe('namespaceOverrule', () => {
  test("reads a MeshNamespace's injection mode: disabled selects no webhook", () => {
    const c = chart();
    new MeshNamespace(c, 'Ns', { name: 'shop', injection: InjectionMode.disabled() });
    expect(namespaceOverrule(c, 'shop', undefined)).toEqual({
      kind: 'disabled',
      namespace: "namespace 'shop' has injection disabled (istio-injection=disabled)",
    });
  });

  test("a MeshNamespace's revision overrules the pod's, named by its mode", () => {
    const c = chart();
    new MeshNamespace(c, 'Ns', { name: 'shop', injection: InjectionMode.revision('stable') });
    expect(namespaceOverrule(c, 'shop', 'canary')).toEqual({
      kind: 'revision',
      namespace: "namespace 'shop' injects revision 'stable' (revision/stable)",
    });
  });

  test('reads the labels of a hand-written Namespace, naming its path and the deciding label', () => {
    const c = chart();
    labelled(c, 'shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'stable' });
    expect(namespaceOverrule(c, 'shop', 'canary')).toEqual({
      kind: 'revision',
      namespace: "namespace 'shop' (c/Ns) injects revision 'default' (istio-injection=enabled)",
      declaredBy: 'c/Ns',
    });
  });

  test('a label added to a Namespace object after it was made counts', () => {
    const c = chart();
    labelled(c, 'shop', {}).metadata.addLabel('istio-injection', 'off');
    expect(namespaceOverrule(c, 'shop', undefined)).toMatchObject({ kind: 'disabled', declaredBy: 'c/Ns' });
  });

  test('the namespaces the injector skips overrule whatever the app declares', () => {
    expect(namespaceOverrule(chart(), 'kube-system', undefined)).toMatchObject({ kind: 'skipped' });
  });

  test('stays silent where the pod is injected as it asks, or the labels are unknown', () => {
    const c = chart();
    new MeshNamespace(c, 'Same', { name: 'same', injection: InjectionMode.revision('canary') });
    labelled(c, 'plain', { team: 'a' });
    expect(namespaceOverrule(c, 'same', 'canary')).toBeUndefined();
    expect(namespaceOverrule(c, 'same', undefined)).toBeUndefined();
    expect(namespaceOverrule(c, 'plain', 'canary')).toBeUndefined();
    expect(namespaceOverrule(c, 'undeclared', 'canary')).toBeUndefined();
  });
});
