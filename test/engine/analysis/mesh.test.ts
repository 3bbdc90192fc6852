import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { membership, webhookSelects } from '../../../src/engine/analysis/mesh';
import { deployment, namespace, preInjected } from './fixtures';

describe('webhookSelects', () => {
  test.each([
    [{ 'istio-injection': 'enabled' }, {}, true],
    [{ 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' }, false],
    [{ 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }, false],
    [{ 'istio.io/rev': 'canary' }, {}, true],
    [{}, { 'sidecar.istio.io/inject': 'true' }, true],
    [{}, { 'istio.io/rev': 'canary' }, true],
    [{}, {}, false],
  ])('namespace %j, pod %j -> %s', (ns, pod, expected) => {
    expect(webhookSelects(ns, pod)).toBe(expected);
  });
});

describe('membership', () => {
  test('tells webhook injection, pre-injection, ambient mode and the revision apart', () => {
    const idx = new ObjectIndex(
      [
        namespace('inj', { 'istio.io/rev': 'canary' }),
        deployment('a', 'inj'),
        deployment('host', 'inj', { podSpec: { hostNetwork: true } }),
        preInjected('b', 'plain'),
        namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }),
        deployment('c', 'amb'),
        deployment('d', 'plain'),
      ].map((object) => ({ object })),
    );
    const of = (name: string) =>
      membership(
        idx,
        idx.workloads.find((w) => w.object.metadata.name === name)!,
      );
    expect(of('a')).toEqual({ webhookInjects: true, preInjected: false, ambient: false, inMesh: true, revision: 'canary' });
    expect(of('host').inMesh).toBe(false);
    expect(of('b')).toMatchObject({ preInjected: true, inMesh: true });
    expect(of('c')).toMatchObject({ ambient: true, inMesh: true });
    expect(of('d').inMesh).toBe(false);
  });
});
