import { createHash } from 'crypto';
import { stringify } from 'yaml';
import { type TemplateFunction, withArity } from './builtins';
import { formatValue, goTypeName, isMap, isStruct, quote, sortedKeys } from './format';
import { regexFunctions, semverCompare } from './sprig-text';

/**
 * The Sprig (Masterminds/sprig v3) functions Istio's injection templates can use, with Sprig's
 * argument order (`trimSuffix "-" .s`, `contains "x" .s`) and Go results. Left out on purpose:
 * clocks, randomness and environment access (`now`, `uuidv4`, `env`, …): output must be deterministic.
 */

const ANY = Number.POSITIVE_INFINITY;

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) throw new Error('invalid value; expected string');
  throw new Error(`wrong type for value; expected string; got ${goTypeName(v)}`);
}

function int(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new Error(`wrong type for value; expected int; got ${goTypeName(v)}`);
}

/** Sprig's strval: strings as they are, everything else through %v. */
function strval(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** cast.ToInt64 without the error: unparseable values are 0. */
export function toInt64(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim().replace(/\.0*$/, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|\d+)$/.exec(s);
    if (!m) return 0;
    let body = m[2];
    let base = 10;
    if (/^0[xX]/.test(body)) [base, body] = [16, body.slice(2)];
    else if (/^0[bB]/.test(body)) [base, body] = [2, body.slice(2)];
    else if (/^0[oO]?[0-7]+$/.test(body) && body.length > 1) [base, body] = [8, body.replace(/^0[oO]?/, '')];
    return (m[1] === '-' ? -1 : 1) * parseInt(body, base);
  }
  return 0;
}

function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return v.trim() === '' || Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "" and empty collections. */
function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return !isStruct(v) && Object.keys(v).length === 0;
  return false;
}

function list(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new Error(`Cannot find ${fn} on type ${goTypeName(v)}`);
}

function dictArg(v: unknown): Record<string, unknown> {
  if (isMap(v)) return v;
  throw new Error(`wrong type for value; expected map[string]interface {}; got ${goTypeName(v)}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v) && !isStruct(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCopy(x)]));
  return v;
}

function merge(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isMap(d) && isMap(v)) merge(d, v, overwrite);
    else if (overwrite ? v !== undefined : !(k in dst) || empty(d)) dst[k] = deepCopy(v);
  }
}

/** Go's encoding/json: sorted keys, HTML-safe escapes. */
function toJson(v: unknown, indent?: number, escapeHtml = true): string {
  const plain = (x: unknown): unknown => {
    if (x === undefined) return null;
    if (Array.isArray(x)) return x.map(plain);
    if (isMap(x)) return Object.fromEntries(sortedKeys(x).map((k) => [k, plain(x[k])]));
    return x;
  };
  const text = JSON.stringify(plain(v), null, indent) ?? 'null';
  const escaped = text.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return escapeHtml ? escaped.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : escaped;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
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
      return Array.isArray(v) ? 'slice' : isStruct(v) ? 'struct' : 'map';
  }
}

/** Go's strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function byteSlice(s: string, start: number, end?: number): string {
  return Buffer.from(s, 'utf8').subarray(start, end).toString('utf8');
}

function trunc(c: number, s: string): string {
  const length = Buffer.byteLength(s);
  if (c < 0 && length + c > 0) return byteSlice(s, length + c);
  if (c >= 0 && length > c) return byteSlice(s, 0, c);
  return s;
}

function strslice(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  return [strval(v)];
}

function indent(n: unknown, s: unknown): string {
  const pad = ' '.repeat(Math.max(int(n), 0));
  return pad + str(s).split('\n').join(`\n${pad}`);
}

function until(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step === 0 || (step > 0 ? start >= stop : start <= stop)) return out;
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function intDivide(a: number, b: number, op: 'div' | 'mod'): number {
  if (b === 0) throw new Error('runtime error: integer divide by zero');
  return op === 'div' ? Math.trunc(a / b) : a % b;
}

function dig(...args: unknown[]): unknown {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const dict = dictArg(args[args.length - 1]);
  const fallback = args[args.length - 2];
  let cur: unknown = dict;
  for (const key of args.slice(0, -2)) {
    if (!isMap(cur) || !(str(key) in cur)) return fallback;
    cur = cur[str(key)];
  }
  return cur;
}

const f = withArity;

export const SPRIG_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  // defaults and flow
  default: f((d: unknown, ...given: unknown[]) => (given.length === 0 || empty(given[0]) ? d : given[0]), 1, 2),
  empty: f(empty, 1),
  coalesce: f((...v: unknown[]) => v.find((x) => !empty(x)) ?? null, 0, ANY),
  all: f((...v: unknown[]) => v.every((x) => !empty(x)), 0, ANY),
  any: f((...v: unknown[]) => v.some((x) => !empty(x)), 0, ANY),
  ternary: f((vt: unknown, vf: unknown, cond: unknown) => {
    if (typeof cond !== 'boolean') throw new Error(`wrong type for value; expected bool; got ${goTypeName(cond)}`);
    return cond ? vt : vf;
  }, 3),
  required: f((msg: unknown, v: unknown) => {
    if (v === null || v === undefined || v === '') throw new Error(str(msg));
    return v;
  }, 2),
  fail: f((msg: unknown) => {
    throw new Error(str(msg));
  }, 1),
  deepCopy: f(deepCopy, 1),
  // types and conversion
  kindOf: f(kindOf, 1),
  kindIs: f((kind: unknown, v: unknown) => str(kind) === kindOf(v), 2),
  typeOf: f(goTypeName, 1),
  typeIs: f((t: unknown, v: unknown) => str(t) === goTypeName(v), 2),
  toString: f(strval, 1),
  toStrings: f((v: unknown) => strslice(v), 1),
  int: f(toInt64, 1),
  int64: f(toInt64, 1),
  float64: f(toFloat64, 1),
  atoi: f((s: unknown) => (/^[+-]?\d+$/.test(str(s)) ? Number(s) : 0), 1),
  toJson: f((v: unknown) => toJson(v), 1),
  toPrettyJson: f((v: unknown) => toJson(v, 2), 1),
  toRawJson: f((v: unknown) => toJson(v, undefined, false), 1),
  fromJson: f((s: unknown) => {
    try {
      return JSON.parse(str(s)) as unknown;
    } catch {
      return null;
    }
  }, 1),
  mustFromJson: f((s: unknown) => JSON.parse(str(s)) as unknown, 1),
  toYaml: f((v: unknown) => stringify(v ?? null, { sortMapEntries: true, lineWidth: 0, indentSeq: false }).replace(/\n$/, ''), 1),
  // strings
  quote: f(
    (...v: unknown[]) =>
      v
        .filter((x) => x !== null && x !== undefined)
        .map((x) => quote(strval(x)))
        .join(' '),
    0,
    ANY,
  ),
  squote: f(
    (...v: unknown[]) =>
      v
        .filter((x) => x !== null && x !== undefined)
        .map((x) => `'${strval(x)}'`)
        .join(' '),
    0,
    ANY,
  ),
  cat: f(
    (...v: unknown[]) =>
      v
        .filter((x) => x !== null && x !== undefined)
        .map(formatValue)
        .join(' '),
    0,
    ANY,
  ),
  trim: f((s: unknown) => str(s).trim(), 1),
  trimAll: f((cut: unknown, s: unknown) => {
    const set = new Set(str(cut));
    const chars = [...str(s)];
    let a = 0;
    let b = chars.length;
    while (a < b && set.has(chars[a])) a++;
    while (b > a && set.has(chars[b - 1])) b--;
    return chars.slice(a, b).join('');
  }, 2),
  trimPrefix: f((p: unknown, s: unknown) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)), 2),
  trimSuffix: f((p: unknown, s: unknown) => (str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s)), 2),
  upper: f((s: unknown) => str(s).toUpperCase(), 1),
  lower: f((s: unknown) => str(s).toLowerCase(), 1),
  title: f((s: unknown) => title(str(s)), 1),
  replace: f((o: unknown, n: unknown, s: unknown) => str(s).split(str(o)).join(str(n)), 3),
  contains: f((sub: unknown, s: unknown) => str(s).includes(str(sub)), 2),
  hasPrefix: f((p: unknown, s: unknown) => str(s).startsWith(str(p)), 2),
  hasSuffix: f((p: unknown, s: unknown) => str(s).endsWith(str(p)), 2),
  split: f((sep: unknown, s: unknown) => Object.fromEntries(splitGo(str(s), str(sep)).map((p, i) => [`_${i}`, p])), 2),
  splitList: f((sep: unknown, s: unknown) => splitGo(str(s), str(sep)), 2),
  join: f((sep: unknown, v: unknown) => strslice(v).join(str(sep)), 2),
  indent: f(indent, 2),
  nindent: f((n: unknown, s: unknown) => `\n${indent(n, s)}`, 2),
  trunc: f((c: unknown, s: unknown) => trunc(int(c), str(s)), 2),
  substr: f((start: unknown, end: unknown, s: unknown) => {
    const [a, b, text] = [int(start), int(end), str(s)];
    if (a < 0) return byteSlice(text, 0, b);
    if (b < 0 || b > Buffer.byteLength(text)) return byteSlice(text, a);
    return byteSlice(text, a, b);
  }, 3),
  repeat: f((n: unknown, s: unknown) => str(s).repeat(Math.max(int(n), 0)), 2),
  nospace: f((s: unknown) => str(s).replace(/\s/g, ''), 1),
  b64enc: f((s: unknown) => Buffer.from(str(s), 'utf8').toString('base64'), 1),
  b64dec: f((s: unknown) => Buffer.from(str(s), 'base64').toString('utf8'), 1),
  sha256sum: f((s: unknown) => createHash('sha256').update(str(s)).digest('hex'), 1),
  ...regexFunctions(),
  semverCompare: f((c: unknown, v: unknown) => semverCompare(str(c), str(v)), 2),
  // math (int64, as Sprig)
  add: f((...v: unknown[]) => v.reduce<number>((a, x) => a + toInt64(x), 0), 0, ANY),
  add1: f((v: unknown) => toInt64(v) + 1, 1),
  sub: f((a: unknown, b: unknown) => toInt64(a) - toInt64(b), 2),
  mul: f((a: unknown, ...v: unknown[]) => v.reduce<number>((p, x) => p * toInt64(x), toInt64(a)), 1, ANY),
  div: f((a: unknown, b: unknown) => intDivide(toInt64(a), toInt64(b), 'div'), 2),
  mod: f((a: unknown, b: unknown) => intDivide(toInt64(a), toInt64(b), 'mod'), 2),
  max: f((a: unknown, ...v: unknown[]) => Math.max(toInt64(a), ...v.map(toInt64)), 1, ANY),
  min: f((a: unknown, ...v: unknown[]) => Math.min(toInt64(a), ...v.map(toInt64)), 1, ANY),
  until: f((n: unknown) => until(0, int(n), int(n) >= 0 ? 1 : -1), 1),
  untilStep: f((a: unknown, b: unknown, s: unknown) => until(int(a), int(b), int(s)), 3),
  // lists
  list: f((...v: unknown[]) => v, 0, ANY),
  tuple: f((...v: unknown[]) => v, 0, ANY),
  first: f((l: unknown) => list(l, 'first')[0] ?? null, 1),
  last: f((l: unknown) => {
    const a = list(l, 'last');
    return a.length ? a[a.length - 1] : null;
  }, 1),
  slice: f(
    (l: unknown, ...ix: unknown[]) => {
      if (!Array.isArray(l)) throw new Error(`list should be type of slice or array but ${kindOf(l)}`);
      const [start, end] = [ix.length > 0 ? int(ix[0]) : 0, ix.length > 1 ? int(ix[1]) : l.length];
      if (start < 0 || end > l.length || start > end) throw new Error(`slice bounds out of range [${start}:${end}]`);
      return l.slice(start, end);
    },
    1,
    3,
  ),
  rest: f((l: unknown) => list(l, 'rest').slice(1), 1),
  initial: f((l: unknown) => list(l, 'initial').slice(0, -1), 1),
  append: f((l: unknown, v: unknown) => [...(l === null ? [] : list(l, 'push')), v], 2),
  push: f((l: unknown, v: unknown) => [...(l === null ? [] : list(l, 'push')), v], 2),
  prepend: f((l: unknown, v: unknown) => [v, ...(l === null ? [] : list(l, 'prepend'))], 2),
  concat: f((...ls: unknown[]) => ls.flatMap((l) => (l === null ? [] : list(l, 'concat'))), 0, ANY),
  uniq: f((l: unknown) => list(l, 'uniq').filter((x, i, a) => a.findIndex((y) => deepEqual(x, y)) === i), 1),
  has: f((needle: unknown, l: unknown) => l !== null && list(l, 'has').some((x) => deepEqual(x, needle)), 2),
  without: f((l: unknown, ...omit: unknown[]) => list(l, 'without').filter((x) => !omit.some((o) => deepEqual(x, o))), 1, ANY),
  compact: f((l: unknown) => list(l, 'compact').filter((x) => !empty(x)), 1),
  reverse: f((l: unknown) => [...list(l, 'reverse')].reverse(), 1),
  sortAlpha: f((l: unknown) => strslice(l).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 1),
  // dicts
  dict: f(
    (...kv: unknown[]) => {
      const d: Record<string, unknown> = {};
      for (let i = 0; i < kv.length; i += 2) d[strval(kv[i])] = i + 1 < kv.length ? kv[i + 1] : '';
      return d;
    },
    0,
    ANY,
  ),
  hasKey: f((d: unknown, k: unknown) => Object.prototype.hasOwnProperty.call(dictArg(d), str(k)), 2),
  get: f((d: unknown, k: unknown) => (Object.prototype.hasOwnProperty.call(dictArg(d), str(k)) ? dictArg(d)[str(k)] : ''), 2),
  set: f((d: unknown, k: unknown, v: unknown) => {
    dictArg(d)[str(k)] = v;
    return d;
  }, 3),
  unset: f((d: unknown, k: unknown) => {
    delete dictArg(d)[str(k)];
    return d;
  }, 2),
  keys: f((...ds: unknown[]) => ds.flatMap((d) => sortedKeys(dictArg(d))), 0, ANY),
  values: f((d: unknown) => sortedKeys(dictArg(d)).map((k) => dictArg(d)[k]), 1),
  pluck: f(
    (k: unknown, ...ds: unknown[]) =>
      ds
        .map(dictArg)
        .filter((d) => str(k) in d)
        .map((d) => d[str(k)]),
    1,
    ANY,
  ),
  pick: f(
    (d: unknown, ...ks: unknown[]) =>
      Object.fromEntries(
        ks
          .map(str)
          .filter((k) => k in dictArg(d))
          .map((k) => [k, dictArg(d)[k]]),
      ),
    1,
    ANY,
  ),
  omit: f(
    (d: unknown, ...ks: unknown[]) => Object.fromEntries(Object.entries(dictArg(d)).filter(([k]) => !ks.map(str).includes(k))),
    1,
    ANY,
  ),
  merge: f(
    (d: unknown, ...src: unknown[]) => {
      src.forEach((s) => merge(dictArg(d), dictArg(s), false));
      return d;
    },
    1,
    ANY,
  ),
  mergeOverwrite: f(
    (d: unknown, ...src: unknown[]) => {
      src.forEach((s) => merge(dictArg(d), dictArg(s), true));
      return d;
    },
    1,
    ANY,
  ),
  dig: f(dig, 3, ANY),
};

/** strings.Split: an empty separator splits into characters. */
function splitGo(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}
