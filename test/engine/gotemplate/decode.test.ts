import { decodeJSON } from '../../../src/engine/gotemplate/decode';
import { type GoPointer, GoStruct, type GoType, markOf, type StructType } from '../../../src/engine/gotemplate/values';

const STRING: GoType = { kind: 'basic', name: 'string', zero: '' };
const INT: GoType = { kind: 'basic', name: 'int32', zero: 0 };
const PORT: StructType = {
  name: 'x.Port',
  fields: [
    { name: 'Name', type: STRING, json: 'name', omitEmpty: true, omitZero: false, embedded: false },
    { name: 'Number', type: INT, json: 'number', omitEmpty: false, omitZero: false, embedded: false },
  ],
};
const HOLDER: StructType = {
  name: 'x.Holder',
  fields: [
    { name: 'Port', type: { kind: 'struct', struct: PORT }, json: '', omitEmpty: false, omitZero: false, embedded: true },
    {
      name: 'Ports',
      type: { kind: 'slice', elem: { kind: 'struct', struct: PORT } },
      json: 'ports',
      omitEmpty: true,
      omitZero: false,
      embedded: false,
    },
    { name: 'Limit', type: { kind: 'ptr', elem: INT }, json: 'limit', omitEmpty: true, omitZero: false, embedded: false },
    { name: 'Extra', type: { kind: 'any' }, json: 'Extra', omitEmpty: false, omitZero: false, embedded: false },
  ],
};

describe('decodeJSON', () => {
  const holder = decodeJSON({ name: 'http', ports: [{ number: 80 }], Extra: { raw: [1] } }, { kind: 'struct', struct: HOLDER }) as GoStruct;

  test('reads an embedded struct from the same object', () => {
    expect([holder.lookup('Name').value, holder.lookup('Number').value]).toEqual(['http', 0]);
  });

  test('types slices and their elements', () => {
    const ports = holder.lookup('Ports').value as GoStruct[];
    expect(markOf(ports)).toEqual({ name: '[]x.Port' });
    expect(ports[0].lookup('Number').value).toBe(80);
  });

  test('leaves an absent pointer nil and an interface{} field as it is', () => {
    expect((holder.lookup('Limit').value as GoPointer).isNil).toBe(true);
    expect(holder.lookup('Extra').value).toEqual({ raw: [1] });
  });

  test('reads a number into a text field as text, as a quantity is read', () => {
    expect(decodeJSON(2, STRING)).toBe('2');
    expect(decodeJSON(true, STRING)).toBe('');
  });

  test("uses a type's own UnmarshalJSON", () => {
    const custom: StructType = { name: 'x.Custom', fields: [], unmarshalJSON: (json) => new GoStruct(custom, [], json) };
    expect((decodeJSON('raw', { kind: 'struct', struct: custom }) as GoStruct).raw).toBe('raw');
  });
});
