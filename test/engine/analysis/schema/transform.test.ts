import { toJsonSchema } from '../../../../src/engine/analysis/schema/transform';
import { at } from '../../../support/json';

describe('toJsonSchema', () => {
  test('closes objects with properties unless they preserve unknown fields', () => {
    const schema = toJsonSchema({
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } } },
        c: { type: 'object', properties: {}, 'x-kubernetes-preserve-unknown-fields': true },
      },
    });
    expect(at(schema, 'properties', 'a', 'additionalProperties')).toBe(false);
    expect(at(schema, 'properties', 'c', 'additionalProperties')).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
  });

  test('adds integer-or-string alternatives and drops Kubernetes extensions and descriptions', () => {
    const schema = toJsonSchema({ type: 'object', properties: { t: { 'x-kubernetes-int-or-string': true, description: 'd' } } });
    expect(at(schema, 'properties', 't')).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
  });

  test('adds apiVersion, kind and metadata to the root', () => {
    expect(Object.keys(toJsonSchema({ type: 'object', properties: { spec: { type: 'object' } } }).properties as object)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ]);
  });
});
