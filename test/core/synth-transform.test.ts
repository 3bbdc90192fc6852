import { applySynthTransforms, type ISynthTransform, isSynthTransform, synthTransforms } from '../../src/core/synth-transform';
import { type KubeObject } from '../../src/engine/k8s/object';

const object = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

function labeller(target: object, label: string): ISynthTransform {
  return {
    synthTarget: target,
    transformObject: (o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [label]: 'yes' } } }),
  };
}

describe('synth transforms', () => {
  test('are recognised by shape', () => {
    expect(isSynthTransform(labeller({}, 'a'))).toBe(true);
    expect(isSynthTransform({ transformObject: () => undefined })).toBe(false);
    expect(isSynthTransform({ synthTarget: {}, transformObject: 'no' })).toBe(false);
    expect(isSynthTransform(undefined)).toBe(false);
  });

  test('apply to the objects of their target only, in the order they were declared', () => {
    const [a, b] = [{}, {}];
    const transforms = synthTransforms([labeller(a, 'first'), { not: 'a transform' }, labeller(a, 'second')]);
    const objects = [
      { object: object('a'), apiObject: a },
      { object: object('b'), apiObject: b },
    ];
    const out = applySynthTransforms(objects, transforms);
    expect(out[0].object.metadata.labels).toEqual({ first: 'yes', second: 'yes' });
    expect(Object.keys(out[0].object.metadata.labels!)).toEqual(['first', 'second']);
    expect(out[1]).toBe(objects[1]);
    expect(objects[0].object.metadata.labels).toBeUndefined();
  });

  test('leave the objects alone when there are none', () => {
    const objects = [{ object: object('a'), apiObject: {} }];
    expect(applySynthTransforms(objects, synthTransforms([]))).toEqual(objects);
  });
});
