import { namespaceOnDrainingRevision } from '../../../../../src/engine/analysis/rules/upgrades/namespace-on-draining-revision';
import { DRAINING_ANNOTATION } from '../../../../../src/engine/analysis/rules/upgrades/revisions';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { injectionWebhook, istiod, named, namespace, run } from '../../fixtures';

function draining(revision: string): KubeObject {
  const object = istiod(revision);
  return { ...object, metadata: { ...object.metadata, annotations: { [DRAINING_ANNOTATION]: 'true' } } };
}

const tag = (name: string, revision: string) =>
  injectionWebhook(`istio-revision-tag-${name}`, [], { 'istio.io/tag': name, 'istio.io/rev': revision });

describe('CDK8SI042 namespace or tag on a revision being removed', () => {
  test('reports a namespace on the draining revision, directly or through a tag, and the tag itself', () => {
    const objects = [
      draining('1-29-6'),
      istiod('1-30-3'),
      tag('prod', '1-29-6'),
      namespace('a', { 'istio.io/rev': '1-29-6' }),
      namespace('b', { 'istio.io/rev': 'prod' }),
    ];
    const findings = run(namespaceOnDrainingRevision, objects);
    expect(findings.map((f) => f.code)).toEqual(['CDK8SI042', 'CDK8SI042', 'CDK8SI042']);
    expect(findings.map((f) => named(f)[0]).sort()).toEqual([
      'MutatingWebhookConfiguration istio-revision-tag-prod',
      'Namespace a',
      'Namespace b',
    ]);
    expect(findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("namespace 'b' still uses revision '1-29-6' through tag 'prod'"),
    );
  });

  test('reports a namespace with istio-injection=enabled while the default tag points at the draining revision', () => {
    const objects = [draining('1-29-6'), istiod('1-30-3'), tag('default', '1-29-6'), namespace('legacy', { 'istio-injection': 'enabled' })];
    const findings = run(namespaceOnDrainingRevision, objects);
    expect(findings.map((f) => named(f)[0]).sort()).toEqual([
      'MutatingWebhookConfiguration istio-revision-tag-default',
      'Namespace legacy',
    ]);
  });

  test('stays silent once every namespace and tag moved to the new revision', () => {
    const objects = [
      draining('1-29-6'),
      istiod('1-30-3'),
      tag('prod', '1-30-3'),
      namespace('a', { 'istio.io/rev': '1-30-3' }),
      namespace('b', { 'istio.io/rev': 'prod' }),
    ];
    expect(run(namespaceOnDrainingRevision, objects)).toEqual([]);
  });
});
