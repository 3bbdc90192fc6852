import { goTypeName, isMap, isStruct, sprint, sprintln } from './format';
import { stringArg } from './args';
import { sprintf } from './printf';
import { GoPointer, GoStruct, markOf } from './values';

/**
 * A function callable from a template. Throwing fails the execution with "error calling NAME: message".
 * Any parameter list fits (`never[]`), so functions with typed parameters can be registered as they are;
 * they get template values, which they check as Go checks arguments.
 */
export type TemplateFunction = (...args: never[]) => unknown;

/** Calls a template function with template values. */
export function callFunction(fn: TemplateFunction, args: readonly unknown[]): unknown {
  return (fn as (...a: unknown[]) => unknown)(...args);
}

export interface Arity {
  readonly min: number;
  readonly max: number;
}

/**
 * Go parameter types of a function, by type name ('string', 'int', 'bool', 'float64',
 * 'interface {}', or a composite such as 'map[string]string'): the evaluator checks arguments
 * against them as Go does before the call. `variadic` is the element type of a final ...T.
 */
export interface Signature {
  readonly params: readonly string[];
  readonly variadic?: string;
}

const arities = new WeakMap<TemplateFunction, Arity>();
const signatures = new WeakMap<TemplateFunction, Signature>();

/**
 * Declares how many arguments `fn` takes, so a template that passes another count fails with
 * Go's "wrong number of args" message. Functions without a declared arity accept any count.
 */
export function withArity<F extends TemplateFunction>(fn: F, min: number, max = min): F {
  arities.set(fn, { min, max });
  return fn;
}

/** Declares the Go parameter types of `fn` (and so its arity). */
export function withParams<F extends TemplateFunction>(fn: F, params: readonly string[], variadic?: string): F {
  signatures.set(fn, { params, variadic });
  return withArity(fn, params.length, variadic === undefined ? params.length : Number.POSITIVE_INFINITY);
}

export function arityOf(fn: TemplateFunction): Arity | undefined {
  return arities.get(fn);
}

export function signatureOf(fn: TemplateFunction): Signature | undefined {
  return signatures.get(fn);
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (v instanceof GoPointer) return !v.isNil;
  if (v instanceof GoStruct) return v.type.truth?.(v) ?? true;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'object':
      if (Array.isArray(v)) return v.length > 0;
      return isStruct(v) || Object.keys(v).length > 0;
    default:
      return true;
  }
}

function indexArg(index: unknown, cap: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  if (index < 0 || index > cap) throw new Error(`index out of range: ${index}`);
  return index;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('index of untyped nil');
  let cur: unknown = item;
  for (const i of indexes) {
    if (cur === null || cur === undefined) throw new Error('index of nil pointer');
    if (typeof cur === 'string') {
      const bytes = Buffer.from(cur, 'utf8');
      const x = indexArg(i, bytes.length);
      if (x === bytes.length) throw new Error(`index out of range: ${x}`);
      cur = bytes[x];
    } else if (Array.isArray(cur)) {
      const x = indexArg(i, cur.length);
      if (x === cur.length) throw new Error(`index out of range: ${x}`);
      cur = cur[x];
    } else if (isMap(cur) && !isStruct(cur)) {
      if (i === null || i === undefined) throw new Error('value is nil; should be of type string');
      if (typeof i !== 'string') throw new Error(`value has type ${goTypeName(i)}; should be string`);
      cur = Object.prototype.hasOwnProperty.call(cur, i) ? cur[i] : (markOf(cur)?.zero ?? null);
    } else {
      throw new Error(`can't index item of type ${goTypeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    length = Buffer.byteLength(item);
  } else if (Array.isArray(item)) {
    length = item.length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const idx = [0, length];
  indexes.slice(0, 2).forEach((x, n) => {
    idx[n] = indexArg(x, length);
  });
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3) {
    const max = indexArg(indexes[2], length);
    if (idx[1] > max) throw new Error(`invalid slice index: ${idx[1]} > ${max}`);
  }
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

function len(value: unknown): number {
  if (value === null || value === undefined || (value instanceof GoPointer && value.isNil)) throw new Error('len of nil pointer');
  const item = value instanceof GoPointer ? value.elem : value;
  if (typeof item === 'string') return Buffer.byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (isMap(item) && !isStruct(item)) return Object.keys(item).length;
  throw new Error(`len of type ${goTypeName(item)}`);
}

type Kind = 'invalid' | 'bool' | 'number' | 'string' | 'other';

function basicKind(v: unknown): Kind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'other';
  }
}

function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  const ka = basicKind(a);
  for (const b of others) {
    const kb = basicKind(b);
    if (ka !== kb) {
      if (ka !== 'invalid' && kb !== 'invalid') {
        throw new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
      }
      continue;
    }
    if (ka === 'other') throw new Error(sprintf('non-comparable type %s: %v', [a, goTypeName(a)]));
    if (a === b || ka === 'invalid') return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'invalid' || ka === 'bool' || ka === 'other' || kb === 'invalid' || kb === 'bool' || kb === 'other') {
    throw new Error('invalid type for comparison');
  }
  if (ka !== kb) throw new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
  return (a as number | string) < (b as number | string);
}

/** The text of html/js/urlquery's arguments: one string as is, otherwise fmt.Sprint. */
function argText(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

const HTML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' };

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === "'" || ch === '"') out += `\\${ch}`;
    else if ('<>&='.includes(ch) || cp < 0x20) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
  return callFunction(fn as TemplateFunction, args);
}

const VARIADIC = Number.POSITIVE_INFINITY;

/** text/template's predefined functions. `and` and `or` short-circuit in the evaluator. */
export const BUILTINS: Readonly<Record<string, TemplateFunction>> = {
  and: withArity((...args: unknown[]) => args.find((a) => !isTrue(a)) ?? args[args.length - 1], 1, VARIADIC),
  or: withArity((...args: unknown[]) => args.find(isTrue) ?? args[args.length - 1], 1, VARIADIC),
  not: withArity((v: unknown) => !isTrue(v), 1),
  len: withArity(len, 1),
  index: withArity(index, 1, VARIADIC),
  slice: withArity(slice, 1, VARIADIC),
  print: withArity((...args: unknown[]) => sprint(args), 0, VARIADIC),
  println: withArity((...args: unknown[]) => sprintln(args), 0, VARIADIC),
  printf: withParams((format: unknown, ...args: unknown[]) => sprintf(stringArg(format), args), ['string'], 'interface {}'),
  eq: withArity(eq, 1, VARIADIC),
  ne: withArity((a: unknown, b: unknown) => !eq(a, b), 2),
  lt: withArity(lt, 2),
  le: withArity((a: unknown, b: unknown) => lt(a, b) || eq(a, b), 2),
  gt: withArity((a: unknown, b: unknown) => !(lt(a, b) || eq(a, b)), 2),
  ge: withArity((a: unknown, b: unknown) => !lt(a, b), 2),
  html: withArity((...args: unknown[]) => argText(args).replace(/[<>&'"\0]/g, (c) => HTML_ESCAPES[c]), 0, VARIADIC),
  js: withArity((...args: unknown[]) => jsEscape(argText(args)), 0, VARIADIC),
  urlquery: withArity((...args: unknown[]) => queryEscape(argText(args)), 0, VARIADIC),
  call: withArity(call, 1, VARIADIC),
};
