import { FieldError, member } from '../../../src/engine/gotemplate/fields';
import { GoPointer, GoStruct, type GoType, type StructType } from '../../../src/engine/gotemplate/values';

const STRING: GoType = { kind: 'basic', name: 'string', zero: '' };
const META: StructType = {
  name: 'v1.ObjectMeta',
  fields: [{ name: 'Name', type: STRING, json: 'name', omitEmpty: true, omitZero: false, embedded: false }],
  methods: {
    GetName: { arity: 0, call: (s) => s.lookup('Name').value },
    SetName: { arity: 1, results: 0, call: () => undefined },
  },
};
const META_PTR: GoType & { kind: 'ptr' } = { kind: 'ptr', elem: { kind: 'struct', struct: META } };
const meta = new GoStruct(META, ['web']);

function reason(receiver: unknown, name: string, hasArgs = false, slot?: string): string {
  try {
    member(receiver, name, hasArgs, slot);
  } catch (e) {
    if (e instanceof FieldError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('member', () => {
  test('reads struct fields and finds methods', () => {
    expect(member(meta, 'Name', false)).toEqual({ kind: 'value', value: 'web' });
    expect(member(new GoPointer(META_PTR, meta), 'GetName', false).kind).toBe('method');
    expect(member(meta, 'SetName', true)).toMatchObject({ kind: 'method', results: 0 });
  });

  test.each<[string, unknown, string, boolean, string | undefined, string]>([
    ['a field the struct lacks', meta, 'Nope', false, undefined, "can't evaluate field Nope in type v1.ObjectMeta"],
    [
      'a field through a pointer',
      new GoPointer(META_PTR, meta),
      'Nope',
      false,
      undefined,
      "can't evaluate field Nope in type *v1.ObjectMeta",
    ],
    [
      'a field of a nil pointer',
      new GoPointer(META_PTR, undefined),
      'Name',
      false,
      undefined,
      'nil pointer evaluating *v1.ObjectMeta.Name',
    ],
    [
      'a missing field of a nil pointer',
      new GoPointer(META_PTR, undefined),
      'Nope',
      false,
      undefined,
      "can't evaluate field Nope in type *v1.ObjectMeta",
    ],
    ['arguments to a struct field', meta, 'Name', true, undefined, 'Name has arguments but cannot be invoked as function'],
    ['arguments to a map key', { a: 1 }, 'a', true, undefined, 'a is not a method but has arguments'],
    ['a field of nil', null, 'x', false, undefined, 'nil pointer evaluating interface {}.x'],
    ['a field of a string', 's', 'x', false, undefined, "can't evaluate field x in type string"],
    ['a field of a string in an interface slot', 's', 'x', false, 'interface {}', "can't evaluate field x in type interface {}"],
  ])('fails on %s', (_name, receiver, field, hasArgs, slot, expected) => {
    expect(reason(receiver, field, hasArgs, slot)).toBe(expected);
  });

  test('looks map keys up, a missing one being no value', () => {
    expect(member({ a: 1 }, 'a', false)).toEqual({ kind: 'value', value: 1 });
    expect(member({}, 'toString', false)).toEqual({ kind: 'value', value: undefined });
  });
});
