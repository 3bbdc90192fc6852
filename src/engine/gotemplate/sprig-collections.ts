/** Sprig's list and dict functions. Dict functions take only map[string]interface {}, as in Go. */
import { intArg as int, mapArg as dictArg, stringArg as str } from './args';
import { type TemplateFunction, withParams } from './builtins';
import { goTypeName, isMap, isStruct, sortedKeys } from './format';
import { checkedLength } from './limits';
import { strslice } from './sprig-strings';
import { empty, kindOf, strval, toInt64 } from './sprig-values';
import { GoStruct, markOf, markType } from './values';

const ANY = 'interface {}';
const DICT = 'map[string]interface {}';

/** Sprig reads the kind of reflect.TypeOf(v), which for nil is a nil pointer dereference. */
const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

function list(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new Error(NIL_DEREFERENCE);
  throw new Error(`Cannot find ${fn} on type ${kindOf(v)}`);
}

/** reflect.DeepEqual on template values. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof GoStruct && b instanceof GoStruct) return a.type === b.type && deepEqual(a.values, b.values);
  if (isMap(a) && isMap(b) && !isStruct(a) && !isStruct(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v) && !isStruct(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCopy(x)]));
  return v;
}

/** mergo's Merge (fill what is missing or empty) or WithOverride, recursing into nested maps. */
function merge(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isMap(d) && isMap(v) && !isStruct(d) && !isStruct(v)) merge(d, v, overwrite);
    else if (overwrite ? v !== undefined : !Object.hasOwn(dst, k) || empty(d)) dst[k] = deepCopy(v);
  }
}

function until(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step === 0 || (step > 0 ? start >= stop : start <= stop)) return markType(out, { name: '[]int' });
  checkedLength('until', Math.ceil(Math.abs(stop - start) / Math.abs(step)));
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return markType(out, { name: '[]int' });
}

function slice(l: unknown, ...ix: unknown[]): unknown {
  if (!Array.isArray(l)) throw new Error(`list should be type of slice or array but ${kindOf(l)}`);
  if (l.length === 0) return null;
  const [start, end] = [ix.length > 0 ? toInt64(ix[0]) : 0, ix.length > 1 ? toInt64(ix[1]) : l.length];
  if (start < 0 || end > l.length || start > end) throw new Error('reflect.Value.Slice: slice index out of bounds');
  return l.slice(start, end);
}

function dig(...args: unknown[]): unknown {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const last = args[args.length - 1];
  if (!isMap(last) || isStruct(last)) throw new Error(`interface conversion: interface {} is ${goTypeName(last)}, not ${DICT}`);
  const fallback = args[args.length - 2];
  let cur: unknown = last;
  for (const key of args.slice(0, -2)) {
    if (!isMap(cur) || !Object.hasOwn(cur, str(key))) return fallback;
    cur = cur[str(key)];
  }
  return cur;
}

const p = withParams;

export const COLLECTION_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  // lists
  list: p((...v: unknown[]) => v, [], ANY),
  tuple: p((...v: unknown[]) => v, [], ANY),
  first: p((l: unknown) => list(l, 'first')[0] ?? null, [ANY]),
  last: p((l: unknown) => list(l, 'last').at(-1) ?? null, [ANY]),
  rest: p((l: unknown) => list(l, 'rest').slice(1), [ANY]),
  initial: p((l: unknown) => list(l, 'initial').slice(0, -1), [ANY]),
  slice: p(slice, [ANY], ANY),
  append: p((l: unknown, v: unknown) => [...list(l, 'push'), v], [ANY, ANY]),
  push: p((l: unknown, v: unknown) => [...list(l, 'push'), v], [ANY, ANY]),
  prepend: p((l: unknown, v: unknown) => [v, ...list(l, 'prepend')], [ANY, ANY]),
  concat: p((...ls: unknown[]) => ls.flatMap((l) => list(l, 'concat')), [], ANY),
  uniq: p((l: unknown) => list(l, 'uniq').filter((x, i, a) => a.findIndex((y) => deepEqual(x, y)) === i), [ANY]),
  has: p((needle: unknown, l: unknown) => l !== null && list(l, 'has').some((x) => deepEqual(x, needle)), [ANY, ANY]),
  without: p((l: unknown, ...omit: unknown[]) => list(l, 'without').filter((x) => !omit.some((o) => deepEqual(x, o))), [ANY], ANY),
  compact: p((l: unknown) => list(l, 'compact').filter((x) => !empty(x)), [ANY]),
  reverse: p((l: unknown) => [...list(l, 'reverse')].reverse(), [ANY]),
  sortAlpha: p(
    (l: unknown) =>
      markType(
        strslice(l).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        { name: '[]string' },
      ),
    [ANY],
  ),
  until: p((n: unknown) => until(0, int(n), int(n) >= 0 ? 1 : -1), ['int']),
  untilStep: p((a: unknown, b: unknown, s: unknown) => until(int(a), int(b), int(s)), ['int', 'int', 'int']),
  deepCopy: p(deepCopy, [ANY]),
  // dicts
  dict: p(
    (...kv: unknown[]) => {
      const d: Record<string, unknown> = {};
      for (let i = 0; i < kv.length; i += 2) d[strval(kv[i])] = i + 1 < kv.length ? kv[i + 1] : '';
      return d;
    },
    [],
    ANY,
  ),
  hasKey: p((d: unknown, k: unknown) => Object.hasOwn(dictArg(d), str(k)), [DICT, 'string']),
  get: p((d: unknown, k: unknown) => (Object.hasOwn(dictArg(d), str(k)) ? dictArg(d)[str(k)] : ''), [DICT, 'string']),
  set: p(
    (d: unknown, k: unknown, v: unknown) => {
      if (d === null || d === undefined || (isMap(d) && markOf(d)?.nil)) throw new Error('assignment to entry in nil map');
      dictArg(d)[str(k)] = v;
      return d;
    },
    [DICT, 'string', ANY],
  ),
  unset: p(
    (d: unknown, k: unknown) => {
      delete dictArg(d)[str(k)];
      return d;
    },
    [DICT, 'string'],
  ),
  keys: p(
    (...ds: unknown[]) =>
      markType(
        ds.flatMap((d) => sortedKeys(dictArg(d))),
        { name: '[]string' },
      ),
    [],
    DICT,
  ),
  values: p((d: unknown) => sortedKeys(dictArg(d)).map((k) => dictArg(d)[k]), [DICT]),
  pluck: p(
    (k: unknown, ...ds: unknown[]) =>
      ds
        .map((d) => dictArg(d))
        .filter((d) => Object.hasOwn(d, str(k)))
        .map((d) => d[str(k)]),
    ['string'],
    DICT,
  ),
  pick: p(
    (d: unknown, ...ks: unknown[]) => {
      const m = dictArg(d);
      return Object.fromEntries(ks.map((k) => str(k)).flatMap((k) => (Object.hasOwn(m, k) ? [[k, m[k]]] : [])));
    },
    [DICT],
    'string',
  ),
  omit: p(
    (d: unknown, ...ks: unknown[]) => {
      const drop = new Set(ks.map((k) => str(k)));
      return Object.fromEntries(Object.entries(dictArg(d)).filter(([k]) => !drop.has(k)));
    },
    [DICT],
    'string',
  ),
  merge: p(
    (d: unknown, ...src: unknown[]) => {
      src.forEach((s) => merge(dictArg(d), dictArg(s), false));
      return d;
    },
    [DICT],
    DICT,
  ),
  mergeOverwrite: p(
    (d: unknown, ...src: unknown[]) => {
      src.forEach((s) => merge(dictArg(d), dictArg(s), true));
      return d;
    },
    [DICT],
    DICT,
  ),
  dig: p(dig, [], ANY),
};
