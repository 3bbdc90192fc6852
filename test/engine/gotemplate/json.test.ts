import { jsonString, MarshalError, marshalJSON, unmarshalJSON } from '../../../src/engine/gotemplate/json';
import { GoPointer, GoStruct, type GoType, markType, type StructType } from '../../../src/engine/gotemplate/values';

const STRING: GoType = { kind: 'basic', name: 'string', zero: '' };
const field = (name: string, type: GoType, json: string, omitEmpty = true) => ({
  name,
  type,
  json,
  omitEmpty,
  omitZero: false,
  embedded: false,
});
const ACTION: StructType = { name: 'v1.HTTPGetAction', fields: [field('Path', STRING, 'path')] };
const HANDLER: StructType = {
  name: 'v1.ProbeHandler',
  fields: [field('HTTPGet', { kind: 'ptr', elem: { kind: 'struct', struct: ACTION } }, 'httpGet')],
};
const PROBE: StructType = {
  name: 'v1.Probe',
  fields: [
    { name: 'ProbeHandler', type: { kind: 'struct', struct: HANDLER }, json: '', omitEmpty: false, omitZero: false, embedded: true },
    field('PeriodSeconds', { kind: 'basic', name: 'int32', zero: 0 }, 'periodSeconds'),
    field('Name', STRING, 'name', false),
    field('Tags', { kind: 'slice', elem: STRING }, 'tags', false),
  ],
};
const ptr = (elem: unknown) => new GoPointer({ kind: 'ptr', elem: { kind: 'struct', struct: ACTION } }, elem);

describe('marshalJSON', () => {
  test('writes struct fields under their json keys in declaration order, inlining embedded structs', () => {
    const probe = new GoStruct(PROBE, [new GoStruct(HANDLER, [ptr(new GoStruct(ACTION, ['/ready']))]), 5, 'p', ['a']]);
    expect(marshalJSON(probe)).toBe('{"httpGet":{"path":"/ready"},"periodSeconds":5,"name":"p","tags":["a"]}');
  });

  test('drops omitempty zeros and writes nil slices and pointers as null', () => {
    const probe = new GoStruct(PROBE, [new GoStruct(HANDLER, [ptr(undefined)]), 0, '', markType([], { name: '[]string', nil: true })]);
    expect(marshalJSON(probe)).toBe('{"name":"","tags":null}');
  });

  test('sorts map keys by bytes, integer-like keys included', () => {
    expect(marshalJSON({ b: 1, 10: 2, 2: 3, A: 4 })).toBe('{"10":2,"2":3,"A":4,"b":1}');
  });

  test('escapes as encoding/json does', () => {
    expect(jsonString('<a>&\u2028\b\f\u0001"\\')).toBe('"\\u003ca\\u003e\\u0026\\u2028\\b\\f\\u0001\\"\\\\"');
    expect(jsonString('<a>', false)).toBe('"<a>"');
    expect(jsonString('\ud800x')).toBe('"\\ufffdx"');
  });

  test('indents as json.MarshalIndent', () => {
    expect(marshalJSON({ b: [1, {}], a: [] }, { indent: '  ' })).toBe('{\n  "a": [],\n  "b": [\n    1,\n    {}\n  ]\n}');
  });

  test('fails as Go fails on NaN, functions and cycles', () => {
    expect(() => marshalJSON(Number.NaN)).toThrow('json: unsupported value: NaN');
    expect(() => marshalJSON(() => 1)).toThrow(MarshalError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => marshalJSON(cyclic)).toThrow('json: unsupported value: encountered a cycle via map[string]interface {}');
  });

  test('writes floats with an exponent outside [1e-6, 1e21)', () => {
    expect(marshalJSON([1.5e-7, 1e21, 0.000001, 123456789])).toBe('[1.5e-7,1e+21,0.000001,123456789]');
  });
});

describe('unmarshalJSON', () => {
  test('parses JSON', () => {
    expect(unmarshalJSON('{"a":[1,"]"]}')).toEqual({ a: [1, ']'] });
  });

  test('refuses nesting deeper than encoding/json allows', () => {
    expect(() => unmarshalJSON(`${'['.repeat(10_001)}${']'.repeat(10_001)}`)).toThrow('exceeded max depth');
    expect(JSON.stringify(unmarshalJSON(`${'['.repeat(100)}${']'.repeat(100)}`))).toBe(`${'['.repeat(100)}${']'.repeat(100)}`);
  });
});
