import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { isControlPlane, membership, webhookSelects } from '../../../src/engine/analysis/mesh';
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
    expect(of('a')).toEqual({
      webhookInjects: true,
      preInjected: false,
      ambientLabeled: false,
      ambient: false,
      inMesh: true,
      revision: 'canary',
    });
    expect(of('host').inMesh).toBe(false);
    expect(of('b')).toMatchObject({ preInjected: true, inMesh: true });
    expect(of('c')).toMatchObject({ ambient: true, inMesh: true });
    expect(of('d').inMesh).toBe(false);
  });

  test("the revision is the one whose webhook injects: the namespace's label before the pod's", () => {
    const idx = new ObjectIndex(
      [
        namespace('on', { 'istio-injection': 'enabled' }),
        deployment('a', 'on', { podLabels: { app: 'a', 'istio.io/rev': 'canary' } }),
        namespace('rev', { 'istio.io/rev': 'stable' }),
        deployment('b', 'rev', { podLabels: { app: 'b', 'istio.io/rev': 'canary' } }),
        deployment('c', 'plain', { podLabels: { app: 'c', 'istio.io/rev': 'canary' } }),
      ].map((object) => ({ object })),
    );
    const revision = (name: string) =>
      membership(
        idx,
        idx.workloads.find((w) => w.object.metadata.name === name)!,
      ).revision;
    expect([revision('a'), revision('b'), revision('c')]).toEqual(['default', 'stable', 'canary']);
  });

  test('ambient mode: the namespace or pod label enrolls, a sidecar, the host network, kube-system or `none` take the pod out', () => {
    const ambient = { 'istio.io/dataplane-mode': 'ambient' };
    const idx = new ObjectIndex(
      [
        namespace('amb', ambient),
        deployment('plain', 'amb'),
        deployment('none', 'amb', { podLabels: { app: 'none', 'istio.io/dataplane-mode': 'none' } }),
        deployment('sidecar', 'amb', { podLabels: { app: 'sidecar', 'sidecar.istio.io/inject': 'true' } }),
        preInjected('pre', 'amb'),
        deployment('host', 'amb', { podSpec: { hostNetwork: true } }),
        namespace('other'),
        deployment('pod', 'other', { podLabels: { app: 'pod', ...ambient } }),
        deployment('dns', 'kube-system', { podLabels: { app: 'dns', ...ambient } }),
      ].map((object) => ({ object })),
    );
    const of = (name: string) => {
      const m = membership(
        idx,
        idx.workloads.find((w) => w.object.metadata.name === name)!,
      );
      return [m.ambientLabeled, m.ambient, m.inMesh];
    };
    expect(of('plain')).toEqual([true, true, true]);
    expect(of('pod')).toEqual([true, true, true]);
    expect(of('none')).toEqual([false, false, false]);
    expect(of('sidecar')).toEqual([true, false, true]);
    expect(of('pre')).toEqual([true, false, true]);
    expect(of('host')).toEqual([true, false, false]);
    expect(of('dns')).toEqual([true, false, false]);
  });
});

describe('isControlPlane', () => {
  test('recognizes ztunnel and istio-cni by the pod labels their charts give them, and not an app of another name', () => {
    const idx = new ObjectIndex(
      [
        deployment('ztunnel', 'kube-system', { kind: 'DaemonSet', podLabels: { app: 'ztunnel' } }),
        deployment('istio-cni-node', 'kube-system', { kind: 'DaemonSet', podLabels: { 'k8s-app': 'istio-cni-node' } }),
        deployment('shop', 'apps', { podLabels: { app: 'shop' } }),
      ].map((object) => ({ object })),
    );
    const of = (name: string) => isControlPlane(idx.workloads.find((w) => w.object.metadata.name === name)!);
    expect(of('ztunnel')).toBe(true);
    expect(of('istio-cni-node')).toBe(true);
    expect(of('shop')).toBe(false);
  });
});
