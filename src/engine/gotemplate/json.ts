/**
 * encoding/json's Marshal for template values: struct fields under their json tags in declaration
 * order (omitempty, omitzero, inlined embedded structs, MarshalJSON methods), map keys sorted by bytes,
 * nil slices, maps and pointers as null, and Go's string escapes. JSON.stringify cannot do this: it orders
 * integer-like keys first and escapes differently, so the text is written here.
 */
import { goTypeName, isMap, isStruct, sortedKeys } from './format';
import { MAX_JSON_DEPTH } from './limits';
import { GoPointer, GoStruct, isZeroValue, markOf, type StructField } from './values';

export interface MarshalOptions {
  /** Escape <, > and & as \u003c… (json.Marshal does; Sprig's toRawJson does not). */
  readonly escapeHtml?: boolean;
  /** Indent per level for json.MarshalIndent; none for compact output. */
  readonly indent?: string;
}

/** Go's json.Marshal error text, e.g. `json: unsupported value: NaN`. */
export class MarshalError extends Error {}

export function marshalJSON(v: unknown, options: MarshalOptions = {}): string {
  return new Writer(options.escapeHtml ?? true, options.indent ?? '').value(v, '');
}

const HEX = '0123456789abcdef';

/** A JSON string literal with encoding/json's escapes. */
export function jsonString(s: string, escapeHtml = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c < 0xe000) {
      out += '\\ufffd'; // a lone surrogate is invalid UTF-8 once encoded
    } else if (c === 0x22 || c === 0x5c) {
      out += `\\${s[i]}`;
    } else if (c < 0x20 || (escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26))) {
      out += SHORT_ESCAPES[c] ?? `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    } else if (c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16)}`;
    } else {
      out += s[i];
    }
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** Go's float64 encoding: shortest digits, exponent form outside [1e-6, 1e21). */
function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new MarshalError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

class Writer {
  private readonly open = new Set<object>();

  constructor(
    private readonly escapeHtml: boolean,
    private readonly indent: string,
  ) {}

  value(v: unknown, prefix: string): string {
    if (v === undefined || v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return jsonString(v, this.escapeHtml);
      case 'number':
        return jsonNumber(v);
      case 'boolean':
        return String(v);
      case 'object':
        return this.composite(v, prefix);
      default:
        throw new MarshalError(`json: unsupported type: ${typeof v === 'function' ? 'func()' : typeof v}`);
    }
  }

  private composite(v: object, prefix: string): string {
    if (v instanceof GoPointer) return v.isNil ? 'null' : this.value(v.elem, prefix);
    if (v instanceof GoStruct && v.type.marshalJSON) return this.value(v.type.marshalJSON(v), prefix);
    if (markOf(v)?.nil) return 'null';
    if (this.open.has(v)) throw new MarshalError(`json: unsupported value: encountered a cycle via ${goTypeName(v)}`);
    this.open.add(v);
    try {
      if (Array.isArray(v)) return this.list(v, prefix);
      if (v instanceof GoStruct) return this.object(structEntries(v), prefix);
      const m = v as Record<string, unknown>;
      const keys = isStruct(v) ? Object.keys(m) : sortedKeys(m);
      return this.object(
        keys.map((k) => [k, m[k]]),
        prefix,
      );
    } finally {
      this.open.delete(v);
    }
  }

  private list(items: readonly unknown[], prefix: string): string {
    if (items.length === 0) return '[]';
    const inner = prefix + this.indent;
    const parts = items.map((x) => this.value(x, inner));
    return this.indent === '' ? `[${parts.join(',')}]` : `[\n${inner}${parts.join(`,\n${inner}`)}\n${prefix}]`;
  }

  private object(entries: readonly (readonly [string, unknown])[], prefix: string): string {
    if (entries.length === 0) return '{}';
    const inner = prefix + this.indent;
    const colon = this.indent === '' ? ':' : ': ';
    const parts = entries.map(([k, x]) => `${jsonString(k, this.escapeHtml)}${colon}${this.value(x, inner)}`);
    return this.indent === '' ? `{${parts.join(',')}}` : `{\n${inner}${parts.join(`,\n${inner}`)}\n${prefix}}`;
  }
}

/** The key/value pairs encoding/json writes for a struct. */
function structEntries(s: GoStruct): [string, unknown][] {
  const out: [string, unknown][] = [];
  s.type.fields.forEach((f, i) => {
    const v = s.values[i];
    if (f.json === '-') return;
    if (f.embedded && f.json === '' && v instanceof GoStruct) {
      out.push(...structEntries(v));
      return;
    }
    if (!omitted(f, v)) out.push([f.json === '' ? f.name : f.json, v]);
  });
  return out;
}

function omitted(f: StructField, v: unknown): boolean {
  if (f.omitZero && isZeroValue(v)) return true;
  if (!f.omitEmpty) return false;
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (v instanceof GoPointer) return v.isNil;
  if (Array.isArray(v)) return v.length === 0;
  return isMap(v) && !isStruct(v) && Object.keys(v).length === 0;
}

/**
 * json.Unmarshal into interface{}: JSON.parse, but refusing what Go refuses beyond syntax: nesting deeper
 * than encoding/json's limit.
 */
export function unmarshalJSON(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_JSON_DEPTH) throw new MarshalError('exceeded max depth');
    } else if (c === ']' || c === '}') {
      depth--;
    }
  }
  return JSON.parse(text) as unknown;
}
