import { empty, kindOf, strval, toFloat64, toInt64 } from '../../../src/engine/gotemplate/sprig-values';
import { GoPointer, GoStruct } from '../../../src/engine/gotemplate/values';

const INT64 = { kind: 'basic', name: 'int64', zero: 0 } as const;
const EMPTY_STRUCT = new GoStruct({ name: 'v1.Empty', fields: [] }, []);

describe('sprig value helpers', () => {
  test.each<[unknown, number]>([
    [3.9, 3],
    [-3.9, -3],
    ['017', 15],
    ['0x10', 16],
    ['1.0', 1],
    ['abc', 0],
    [true, 1],
    [null, 0],
    [new GoPointer({ kind: 'ptr', elem: INT64 }, 7), 7],
  ])('toInt64 converts %p to %p', (v, expected) => {
    expect(toInt64(v)).toBe(expected);
  });

  test('toFloat64 reads numbers from text and treats the rest as 0', () => {
    expect([toFloat64('2.5'), toFloat64(' '), toFloat64('x'), toFloat64(false)]).toEqual([2.5, 0, 0, 0]);
  });

  test.each<[string, unknown, boolean]>([
    ['nil', null, true],
    ['a nil pointer', new GoPointer({ kind: 'ptr', elem: INT64 }, undefined), true],
    ['a set pointer to zero', new GoPointer({ kind: 'ptr', elem: INT64 }, 0), false],
    ['a struct', EMPTY_STRUCT, false],
    ['an empty map', {}, true],
    ['zero', 0, true],
  ])('empty is %p for %s', (_name, v, expected) => {
    expect(empty(v)).toBe(expected);
  });

  test('kindOf names reflect kinds, pointers and structs included', () => {
    expect([
      kindOf(1),
      kindOf(1.5),
      kindOf([]),
      kindOf({}),
      kindOf(EMPTY_STRUCT),
      kindOf(new GoPointer({ kind: 'ptr', elem: INT64 }, 1)),
    ]).toEqual(['int', 'float64', 'slice', 'map', 'struct', 'ptr']);
  });

  test('strval prints through a String method', () => {
    const named = new GoStruct({ name: 'x.Named', fields: [], stringer: { pointerReceiver: false, call: () => 'named' } }, []);
    expect([strval('s'), strval(1.5), strval(named)]).toEqual(['s', '1.5', 'named']);
  });
});
