/** Decoding of Go literals as text/template accepts them: quoted strings, characters, numbers. */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

/** strconv.Unquote for "…", `…` and '…' literals; returns undefined when the syntax is invalid. */
export function unquote(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') return body.replace(/\r/g, '');
  if (quote !== '"' && quote !== "'") return undefined;
  if (quote === '"' && !/[\\"\n]/.test(body)) return body;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i) ?? 0;
      pushUtf8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]);
    } else if (e === quote) {
      bytes.push(e.charCodeAt(0));
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined;
      i += n;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      else pushUtf8(bytes, v);
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 2;
    } else {
      return undefined;
    }
  }
  const text = Buffer.from(bytes).toString('utf8');
  if (quote === "'" && [...text].length !== 1) return undefined;
  return text;
}

function pushUtf8(bytes: number[], cp: number): void {
  for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
}

export interface NumberLiteral {
  readonly value: number;
  readonly isFloat: boolean;
  /** An integer that fits uint64 but not int64: Go parses it, and fails when it is used as an int. */
  readonly overflowsInt?: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A numeric constant the way text/template's parser reads it (base prefixes, underscores, exponents);
 * undefined for illegal syntax (a float out of range included), 'overflow' for an integer beyond uint64.
 */
export function parseNumber(text: string): NumberLiteral | 'overflow' | undefined {
  if (text.endsWith('i')) return undefined;
  const negative = text[0] === '-';
  const unsigned = text.replace(/^[+-]/, '');
  const hasPrefix = /^0[xXoObB]/.test(unsigned);
  if (unsigned.includes('_') && !validUnderscores(unsigned, hasPrefix)) return undefined;
  const digits = unsigned.replace(/_/g, '');
  let magnitude: bigint | undefined;
  if (/^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$/.test(digits)) magnitude = BigInt(digits.toLowerCase());
  else if (/^0[0-7]+$/.test(digits)) magnitude = BigInt(`0o${digits.slice(1)}`);
  else if (/^\d+$/.test(digits)) magnitude = BigInt(digits);
  if (magnitude !== undefined) {
    const n = negative ? -magnitude : magnitude;
    if (n < INT64_MIN || n > UINT64_MAX) return 'overflow';
    return { value: Number(n), isFloat: false, ...(n > INT64_MAX ? { overflowsInt: true } : {}) };
  }
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(digits)) {
    const value = (negative ? -1 : 1) * Number(digits);
    return Number.isFinite(value) ? { value, isFloat: true } : undefined;
  }
  return undefined;
}

function validUnderscores(text: string, hasPrefix: boolean): boolean {
  // Go allows "_" only between digits, or right after a base prefix.
  const body = hasPrefix ? text.slice(2) : text;
  return !/__|_$|^_/.test(hasPrefix ? body.replace(/^_/, '') : body) && !/[^0-9a-fA-F]_|_[^0-9a-fA-F]/.test(body);
}
