/** How Sprig reads template values: as text (strval), as numbers (spf13/cast), as empty or not, by kind. */
import { basicTypeName, formatValue, isMap, isStruct, stringerText } from './format';
import { GoPointer, GoStruct } from './values';

/** Sprig's strval: strings as they are, Stringers through String(), everything else through %v. */
export function strval(v: unknown): string {
  return typeof v === 'string' ? v : (stringerText(v) ?? formatValue(v));
}

/** strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b or leading-0 octal, underscores between digits; undefined on error. */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0(?:_?[0-7])*|[1-9](?:_?\d)*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2].replace(/_/g, '');
  let n: bigint;
  if (/^0[xXbBoO]/.test(body)) n = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (m[1] === '-') n = -n;
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : undefined;
}

/** cast.ToInt64 without the error: text is parsed as Go does (a trailing ".0" allowed), anything else is 0. */
export function toInt64(v: unknown): number {
  if (v instanceof GoPointer) return v.isNil ? 0 : toInt64(v.elem);
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoInt(v.replace(/\.0*$/, '')) ?? 0;
  return 0;
}

/** strconv.ParseFloat(s, 64), NaN when Go would fail (no surrounding spaces, Go's spellings of infinity). */
function parseGoFloat(s: string): number {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/** cast.ToFloat64 without the error. */
export function toFloat64(v: unknown): number {
  if (v instanceof GoPointer) return v.isNil ? 0 : toFloat64(v.elem);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = parseGoFloat(v);
    return Number.isNaN(n) && !/nan/i.test(v) ? 0 : n;
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "", nil pointers and empty collections; structs never. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (v instanceof GoPointer) return v.isNil;
  if (v instanceof GoStruct) return v.type.truth ? !v.type.truth(v) : false;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return !isStruct(v) && Object.keys(v).length === 0;
  return false;
}

/** reflect.Kind's name, as Sprig's kindOf prints it. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  const basic = basicTypeName(v);
  if (basic !== undefined) return basic;
  if (v instanceof GoPointer) return 'ptr';
  return Array.isArray(v) ? 'slice' : v instanceof GoStruct || isStruct(v) ? 'struct' : 'map';
}
