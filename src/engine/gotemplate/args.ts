/**
 * Argument checks of Go's text/template (validateType) for functions with typed parameters: nil is
 * only accepted where Go's type can be nil, a pointer is followed once, and any other mismatch is
 * Go's "wrong type for value; expected T; got U".
 */
import { goTypeName, isMap, isStruct } from './format';
import { GoPointer, GoStruct, markOf } from './values';

const UNTYPED_MAP = 'map[string]interface {}';
const UNTYPED_SLICE = '[]interface {}';

function wrongType(expected: string, v: unknown): Error {
  return new Error(`wrong type for value; expected ${expected}; got ${goTypeName(v)}`);
}

/** One pointer step, as Go takes for an argument whose pointed-to type fits. */
function deref(v: unknown, expected: string): unknown {
  if (!(v instanceof GoPointer)) return v;
  if (v.isNil) throw new Error(`dereference of nil pointer of type ${expected}`);
  return v.elem;
}

function basic(v: unknown, expected: string): unknown {
  if (v === null || v === undefined) throw new Error(`invalid value; expected ${expected}`);
  return deref(v, expected);
}

export function stringArg(v: unknown): string {
  const s = basic(v, 'string');
  if (typeof s !== 'string') throw wrongType('string', v);
  return s;
}

export function intArg(v: unknown): number {
  const n = basic(v, 'int');
  if (typeof n !== 'number' || !Number.isInteger(n)) throw wrongType('int', v);
  return n;
}

export function boolArg(v: unknown): boolean {
  const b = basic(v, 'bool');
  if (typeof b !== 'boolean') throw wrongType('bool', v);
  return b;
}

/** A map parameter of type `expected` (map[string]interface {} by default); nil is an empty map. */
export function mapArg(v: unknown, expected = UNTYPED_MAP): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  const m = deref(v, expected);
  if (!isMap(m) || isStruct(m)) throw wrongType(expected, v);
  if ((markOf(m)?.name ?? UNTYPED_MAP) !== expected) throw wrongType(expected, v);
  return m;
}

/** A slice parameter of type `expected`; nil is an empty slice. */
export function sliceArg(v: unknown, expected = UNTYPED_SLICE): unknown[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || (markOf(v)?.name ?? UNTYPED_SLICE) !== expected) throw wrongType(expected, v);
  return v;
}

/** A struct parameter: the struct itself or a pointer to it. */
export function structArg(v: unknown, expected: string): GoStruct {
  const s = basic(v, expected);
  if (!(s instanceof GoStruct) || s.type.name !== expected) throw wrongType(expected, v);
  return s;
}
