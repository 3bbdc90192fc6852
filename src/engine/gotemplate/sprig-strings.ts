/**
 * Sprig's string functions, with Go's semantics where JS differs: byte offsets for trunc and substr,
 * unicode.IsSpace for trimming, one-rune case mapping, strict base64.
 */
import { createHash } from 'crypto';
import { intArg as int, stringArg as str } from './args';
import { type TemplateFunction, withParams } from './builtins';
import { formatValue, quote } from './format';
import { checkedRepeat } from './limits';
import { strval } from './sprig-values';
import { markType } from './values';

const ANY = 'interface {}';

/** unicode.IsSpace. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGE_SPACES = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
const IS_SPACE = new RegExp(`^[${GO_SPACE}]$`);

/**
 * unicode.ToUpper/ToLower/ToTitle rune by rune: a rune whose JS mapping is longer (ß → SS) stays as it is,
 * except İ, which Go lowers to i, and the digraphs with a title case of their own.
 */
function mapRunes(s: string, map: (c: string) => string, special: Readonly<Record<string, string>> = {}): string {
  let out = '';
  for (const c of s) {
    const m = special[c] ?? map(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

const LOWER_SPECIAL: Record<string, string> = { İ: 'i' };

/** strings.ToLower. */
export function goLower(s: string): string {
  return mapRunes(s, (c) => c.toLowerCase(), LOWER_SPECIAL);
}
const TITLE_SPECIAL: Record<string, string> = Object.fromEntries(
  [0x1c4, 0x1c7, 0x1ca, 0x1f1].flatMap((upper) => [0, 1, 2].map((i) => [String.fromCharCode(upper + i), String.fromCharCode(upper + 1)])),
);

/** strings.Title's separators: ASCII other than letters, digits and _; beyond ASCII only spaces. */
function isSeparator(c: string): boolean {
  if (c.charCodeAt(0) < 0x80) return !/[A-Za-z0-9_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return IS_SPACE.test(c);
}

function title(s: string): string {
  let out = '';
  let prev = ' ';
  for (const c of s) {
    out += isSeparator(prev) ? mapRunes(c, (x) => x.toUpperCase(), TITLE_SPECIAL) : c;
    prev = c;
  }
  return out;
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

/** Go's s[start:end] on bytes, with its panic for bounds out of range. */
function substr(start: number, end: number, s: string): string {
  const length = Buffer.byteLength(s);
  const [a, b] = start < 0 ? [0, end] : end < 0 || end > length ? [start, length] : [start, end];
  if (b > length) throw new Error(`runtime error: slice bounds out of range [:${b}] with length ${length}`);
  if (a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
  return byteSlice(s, a, b);
}

function indent(spaces: number, s: string): string {
  const pad = checkedRepeat(' ', spaces);
  const lines = s.split('\n');
  checkedRepeat(pad, lines.length);
  return pad + lines.join(`\n${pad}`);
}

/**
 * goutils' DeleteWhiteSpace: it tests each byte as if it were a rune, so it drops the bytes 0x85 and 0xA0
 * even inside multi-byte characters (whose remains JS can only show as U+FFFD).
 */
function deleteWhiteSpace(s: string): string {
  const spaces = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0]);
  return Buffer.from(Buffer.from(s, 'utf8').filter((b) => !spaces.has(b))).toString('utf8');
}

/** base64.StdEncoding.DecodeString; Sprig returns the error text in place of the result. */
function b64dec(s: string): string {
  const error = base64Error(s);
  return error === undefined
    ? Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').toString('utf8')
    : `illegal base64 data at input byte ${error}`;
}

const BASE64 = /[A-Za-z0-9+/]/;

/** Where Go's decoder stops on `s` (its CorruptInputError offset), or undefined when `s` decodes. */
function base64Error(s: string): number | undefined {
  let si = 0;
  const skipNewlines = (): void => {
    while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
  };
  while (si < s.length) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) return j === 0 ? undefined : si - j;
      const c = s[si++];
      if (BASE64.test(c)) continue;
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) return si - 1;
      if (j === 2) {
        skipNewlines();
        if (si === s.length) return s.length;
        if (s[si] !== '=') return si - 1;
        si++;
      }
      skipNewlines();
      return si < s.length ? si : undefined;
    }
  }
  return undefined;
}

/** strings.Split: an empty separator splits into runes. */
function splitGo(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** Sprig's strslice: a list's non-nil elements as text, a single value as a one-element list. */
export function strslice(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  return [strval(v)];
}

const p = withParams;
const nonNil = (v: unknown[]): unknown[] => v.filter((x) => x !== null && x !== undefined);

export const STRING_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  quote: p(
    (...v: unknown[]) =>
      nonNil(v)
        .map((x) => quote(strval(x)))
        .join(' '),
    [],
    ANY,
  ),
  squote: p(
    (...v: unknown[]) =>
      nonNil(v)
        .map((x) => `'${formatValue(x)}'`)
        .join(' '),
    [],
    ANY,
  ),
  cat: p(
    (...v: unknown[]) =>
      nonNil(v)
        .map((x) => formatValue(x))
        .join(' '),
    [],
    ANY,
  ),
  toString: p(strval, [ANY]),
  toStrings: p((v: unknown) => markType(strslice(v), { name: '[]string' }), [ANY]),
  trim: p((s: unknown) => str(s).replace(EDGE_SPACES, ''), ['string']),
  trimAll: p(
    (cut: unknown, s: unknown) => {
      const set = new Set(str(cut));
      const chars = [...str(s)];
      let a = 0;
      let b = chars.length;
      while (a < b && set.has(chars[a])) a++;
      while (b > a && set.has(chars[b - 1])) b--;
      return chars.slice(a, b).join('');
    },
    ['string', 'string'],
  ),
  trimPrefix: p((pre: unknown, s: unknown) => (str(s).startsWith(str(pre)) ? str(s).slice(str(pre).length) : str(s)), ['string', 'string']),
  trimSuffix: p(
    (suf: unknown, s: unknown) => (str(suf) !== '' && str(s).endsWith(str(suf)) ? str(s).slice(0, -str(suf).length) : str(s)),
    ['string', 'string'],
  ),
  upper: p((s: unknown) => mapRunes(str(s), (c) => c.toUpperCase()), ['string']),
  lower: p((s: unknown) => goLower(str(s)), ['string']),
  title: p((s: unknown) => title(str(s)), ['string']),
  replace: p((o: unknown, n: unknown, s: unknown) => splitGo(str(s), str(o)).join(str(n)), ['string', 'string', 'string']),
  contains: p((sub: unknown, s: unknown) => str(s).includes(str(sub)), ['string', 'string']),
  hasPrefix: p((pre: unknown, s: unknown) => str(s).startsWith(str(pre)), ['string', 'string']),
  hasSuffix: p((suf: unknown, s: unknown) => str(s).endsWith(str(suf)), ['string', 'string']),
  split: p(
    (sep: unknown, s: unknown) =>
      markType(Object.fromEntries(splitGo(str(s), str(sep)).map((x, i) => [`_${i}`, x])), { name: 'map[string]string', zero: '' }),
    ['string', 'string'],
  ),
  splitList: p((sep: unknown, s: unknown) => markType(splitGo(str(s), str(sep)), { name: '[]string' }), ['string', 'string']),
  join: p((sep: unknown, v: unknown) => strslice(v).join(str(sep)), ['string', ANY]),
  indent: p((n: unknown, s: unknown) => indent(int(n), str(s)), ['int', 'string']),
  nindent: p((n: unknown, s: unknown) => `\n${indent(int(n), str(s))}`, ['int', 'string']),
  trunc: p((c: unknown, s: unknown) => trunc(int(c), str(s)), ['int', 'string']),
  substr: p((a: unknown, b: unknown, s: unknown) => substr(int(a), int(b), str(s)), ['int', 'int', 'string']),
  repeat: p((n: unknown, s: unknown) => checkedRepeat(str(s), int(n)), ['int', 'string']),
  nospace: p((s: unknown) => deleteWhiteSpace(str(s)), ['string']),
  b64enc: p((s: unknown) => Buffer.from(str(s), 'utf8').toString('base64'), ['string']),
  b64dec: p((s: unknown) => b64dec(str(s)), ['string']),
  sha256sum: p((s: unknown) => createHash('sha256').update(str(s)).digest('hex'), ['string']),
};
