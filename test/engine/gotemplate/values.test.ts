import {
  GoPointer,
  type GoStruct,
  type GoType,
  hasMember,
  isZeroValue,
  markOf,
  markType,
  methodOf,
  type StructType,
  typeName,
  zeroOf,
} from '../../../src/engine/gotemplate/values';

const STRING: GoType = { kind: 'basic', name: 'string', zero: '' };
const INNER: StructType = {
  name: 'x.Inner',
  fields: [{ name: 'Deep', type: STRING, json: 'deep', omitEmpty: true, omitZero: false, embedded: false }],
  methods: { Hello: { arity: 0, call: () => 'hi' } },
};
const OUTER: StructType = {
  name: 'x.Outer',
  fields: [
    { name: 'Name', type: STRING, json: 'name', omitEmpty: false, omitZero: false, embedded: false },
    { name: 'Inner', type: { kind: 'struct', struct: INNER }, json: '', omitEmpty: false, omitZero: false, embedded: true },
    { name: 'Tags', type: { kind: 'map', elem: STRING }, json: 'tags', omitEmpty: true, omitZero: false, embedded: false },
    {
      name: 'Next',
      type: { kind: 'ptr', elem: { kind: 'struct', struct: INNER } },
      json: 'next',
      omitEmpty: true,
      omitZero: false,
      embedded: false,
    },
  ],
};

describe('Go-typed values', () => {
  test('the zero struct has every field at its zero value', () => {
    const zero = zeroOf({ kind: 'struct', struct: OUTER }) as GoStruct;
    expect(zero.lookup('Name')).toEqual({ found: true, value: '' });
    expect(markOf(zero.lookup('Tags').value as object)).toEqual({ name: 'map[string]string', zero: '', nil: true });
    expect((zero.lookup('Next').value as GoPointer).isNil).toBe(true);
  });

  test('fields of an embedded struct are promoted, and so are its methods', () => {
    const zero = zeroOf({ kind: 'struct', struct: OUTER }) as GoStruct;
    expect(zero.lookup('Deep')).toEqual({ found: true, value: '' });
    expect(zero.lookup('Missing')).toEqual({ found: false });
    expect(methodOf(zero, 'Hello')?.method.call(zero)).toBe('hi');
    expect([hasMember(OUTER, 'Deep'), hasMember(OUTER, 'Hello'), hasMember(OUTER, 'Nope')]).toEqual([true, true, false]);
  });

  test('type names read as %T prints them', () => {
    expect(typeName({ kind: 'ptr', elem: { kind: 'slice', elem: { kind: 'struct', struct: OUTER } } })).toBe('*[]x.Outer');
    expect(typeName({ kind: 'map', elem: { kind: 'any' } })).toBe('map[string]interface {}');
    expect(typeName({ kind: 'map', elem: STRING, name: 'v1.ResourceList' })).toBe('v1.ResourceList');
  });

  test('isZeroValue follows reflect.Value.IsZero', () => {
    const ptr: GoType & { kind: 'ptr' } = { kind: 'ptr', elem: STRING };
    expect([
      isZeroValue(''),
      isZeroValue(0),
      isZeroValue('x'),
      isZeroValue(new GoPointer(ptr, undefined)),
      isZeroValue(new GoPointer(ptr, '')),
    ]).toEqual([true, true, false, true, false]);
    expect(isZeroValue(zeroOf({ kind: 'struct', struct: INNER }))).toBe(true);
  });

  test('markType declares the Go type of a JS value', () => {
    const list = markType(['a'], { name: '[]string' });
    expect(markOf(list)?.name).toBe('[]string');
    expect(markOf(['a'])).toBeUndefined();
  });
});
