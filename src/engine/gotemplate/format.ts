/**
 * Go's fmt for template values. Integral JS numbers are Go ints, other numbers float64; plain objects
 * are maps and arrays slices (of the type marked on them, else interface {}); GoStruct and GoPointer
 * stand for structs and pointers. A plain object with a `String()` method prints through it, as a Go
 * Stringer does.
 */
import { formatFloat } from './floats';
import { GoPointer, GoStruct, markOf, typeName } from './values';

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A class instance (GoStruct, GoPointer or a JS class) stands for a Go struct or pointer; plain objects for maps. */
export function isStruct(v: unknown): v is object {
  if (!isMap(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto !== null && proto !== Object.prototype;
}

/**
 * Printed for a non-nil pointer where fmt prints its address: Go's addresses differ from run to run,
 * so no template output can depend on them.
 */
const POINTER_TEXT = '0xc000000000';

/**
 * The String() text fmt uses for v, if it has one. `addressable` is true where text/template prints a
 * value it reached through fields (it takes the address, so pointer-receiver methods apply).
 */
export function stringerText(v: unknown, addressable = false): string | undefined {
  if (v instanceof GoPointer) return v.elem instanceof GoStruct ? v.elem.type.stringer?.call(v.elem) : undefined;
  if (v instanceof GoStruct) {
    const s = v.type.stringer;
    return s && (addressable || !s.pointerReceiver) ? s.call(v) : undefined;
  }
  const s = isMap(v) ? v.String : undefined;
  return typeof s === 'function' ? String(s.call(v)) : undefined;
}

/** The Go name of a JavaScript primitive's type (also its reflect.Kind); undefined for objects and nil. */
export function basicTypeName(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'function':
      return 'func';
    default:
      return undefined;
  }
}

/** Go type name, as used in error messages and %T. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  const basic = basicTypeName(v);
  if (basic !== undefined) return basic;
  if (v instanceof GoStruct) return v.type.name;
  if (v instanceof GoPointer) return typeName(v.type);
  if (markOf(v)) return (markOf(v) as { name: string }).name;
  if (Array.isArray(v)) return '[]interface {}';
  if (isStruct(v)) return (Object.getPrototypeOf(v) as { constructor?: { name?: string } }).constructor?.name || 'struct';
  return 'map[string]interface {}';
}

/** Keys in Go's map order (sorted by bytes; JS code units only differ beyond the BMP). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt's %v; `depth` > 0 inside a composite, where pointers print as addresses. */
export function formatValue(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'function':
      return '<func>';
    case 'object': {
      const s = stringerText(v);
      if (s !== undefined) return s;
      const inner = (x: unknown): string => formatValue(x, depth + 1);
      if (v instanceof GoPointer) {
        if (v.isNil) return '<nil>';
        return depth === 0 && typeof v.elem === 'object' && v.elem !== null ? `&${formatValue(v.elem, 1)}` : POINTER_TEXT;
      }
      if (v instanceof GoStruct) return `{${v.values.map(inner).join(' ')}}`;
      if (Array.isArray(v)) return `[${v.map(inner).join(' ')}]`;
      if (isStruct(v)) return `{${Object.values(v).map(inner).join(' ')}}`;
      const m = v as Record<string, unknown>;
      return `map[${sortedKeys(m)
        .map((k) => `${k}:${inner(m[k])}`)
        .join(' ')}]`;
    }
    default:
      return String(v);
  }
}

/** What an action prints for its value: Go's printableValue, then fmt.Fprint. */
export function printableText(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  if (v instanceof GoPointer) {
    if (v.isNil) return '<nil>';
    return printableText(v.elem);
  }
  return stringerText(v, true) ?? formatValue(v);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : BigInt(n).toString();
  return formatFloat(n, 'g', -1);
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

export function sprintln(args: readonly unknown[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

// ---- strconv.Quote

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.IsPrint for one character. */
export function isPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

/** strconv.CanBackquote: no backquote, no control character but tab, no BOM, valid UTF-8. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x60 || c === 0x7f || c === 0xfeff || (c < 0x20 && c !== 0x09)) return false;
    if (c >= 0xd800 && c < 0xe000) {
      const low = s.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(low >= 0xdc00 && low < 0xe000)) return false;
      i++;
    }
  }
  return true;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
      default:
    }
    if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : !asciiOnly && isPrint(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd';
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
