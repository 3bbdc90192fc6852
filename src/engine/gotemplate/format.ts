/**
 * Go's fmt for the JSON-like values templates see. Integral JS numbers are Go ints, other numbers
 * float64; objects are map[string]interface{}, arrays []interface{}. An object with a `String()`
 * method prints through it, as a Go Stringer does.
 */

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A class instance stands for a Go struct; plain objects stand for maps. */
export function isStruct(v: unknown): v is object {
  if (!isMap(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto !== null && proto !== Object.prototype;
}

function stringer(v: object): string | undefined {
  const s = (v as { String?: unknown }).String;
  return typeof s === 'function' ? String(s.call(v)) : undefined;
}

/** Go type name, as used in error messages and %T. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
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
      if (Array.isArray(v)) return '[]interface {}';
      if (isStruct(v)) return (Object.getPrototypeOf(v) as { constructor?: { name?: string } }).constructor?.name || 'struct';
      return 'map[string]interface {}';
  }
}

/** Keys in Go's map order (sorted by bytes; JS code units only differ beyond the BMP). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt's %v. */
export function formatValue(v: unknown): string {
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
      const s = stringer(v);
      if (s !== undefined) return s;
      if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
      if (isStruct(v)) return `{${Object.values(v).map(formatValue).join(' ')}}`;
      const m = v as Record<string, unknown>;
      return `map[${sortedKeys(m)
        .map((k) => `${k}:${formatValue(m[k])}`)
        .join(' ')}]`;
    }
    default:
      return String(v);
  }
}

export function formatNumber(n: number): string {
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
  return `${args.map(formatValue).join(' ')}\n`;
}

// ---- floats (strconv's %e, %f, %g on shortest or rounded decimal digits)

interface Digits {
  d: string;
  dp: number;
}

/**
 * Keeps `keep` leading digits of `digits`, rounding half to even as Go does on exact ties
 * (JS's toFixed/toExponential round ties up). Returns the kept digits and whether a carry grew them.
 */
function roundDigits(digits: string, keep: number): { kept: string; carry: boolean } {
  const kept = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const odd = kept !== '' && Number(kept[kept.length - 1]) % 2 === 1;
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || odd));
  if (!up) return { kept, carry: false };
  const inc = (BigInt(kept === '' ? '0' : kept) + 1n).toString().padStart(kept.length, '0');
  return inc.length > kept.length ? { kept: inc, carry: true } : { kept: inc, carry: false };
}

/** Extra digits asked of JS before rounding ourselves, so exact ties stay visible. */
const GUARD = 25;

function decimalDigits(abs: number, significant: number): Digits {
  if (significant < 0) {
    const [mant, exp] = abs.toExponential().split('e');
    return { d: mant.replace('.', ''), dp: Number(exp) + 1 };
  }
  const [mant, exp] = abs.toExponential(Math.min(significant - 1 + GUARD, 100)).split('e');
  const { kept, carry } = roundDigits(mant.replace('.', ''), significant);
  const d = (carry ? kept.slice(0, significant) : kept).replace(/0+$/, '') || '0';
  return { d, dp: Number(exp) + 1 + (carry ? 1 : 0) };
}

function toFixedEven(abs: number, prec: number): string {
  const [ip, fp = ''] = abs.toFixed(Math.min(prec + GUARD, 100)).split('.');
  const { kept, carry } = roundDigits(ip + fp, ip.length + prec);
  const intLength = ip.length + (carry ? 1 : 0);
  return prec > 0 ? `${kept.slice(0, intLength)}.${kept.slice(intLength)}` : kept;
}

function fmtE(g: Digits, prec: number, e: string): string {
  let frac = g.d.slice(1, 1 + prec);
  frac = frac.padEnd(prec, '0');
  const exp = g.d === '0' ? 0 : g.dp - 1;
  const abs = Math.abs(exp);
  return `${g.d[0]}${prec > 0 ? `.${frac}` : ''}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(g: Digits, prec: number): string {
  const digit = (i: number): string => (i >= 0 && i < g.d.length ? g.d[i] : '0');
  let int = '';
  if (g.dp > 0) for (let i = 0; i < g.dp; i++) int += digit(i);
  else int = '0';
  let frac = '';
  for (let i = 0; i < prec; i++) frac += digit(g.dp + i);
  return prec > 0 ? `${int}.${frac}` : int;
}

/** Formats a float like Go's %e/%f/%g; prec -1 means Go's default for the verb. */
export function formatFloat(n: number, verb: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const abs = Math.abs(n);
  const lower = verb.toLowerCase();
  if (lower === 'e') return sign + fmtE(decimalDigits(abs, (prec < 0 ? 6 : prec) + 1), prec < 0 ? 6 : prec, verb === 'E' ? 'E' : 'e');
  if (lower === 'f') {
    const p = prec < 0 ? 6 : prec;
    return sign + (abs < 1e21 ? toFixedEven(abs, p) : fmtF(decimalDigits(abs, -1), p));
  }
  const shortest = prec < 0;
  const significant = shortest ? -1 : Math.max(prec, 1);
  const g = decimalDigits(abs, significant);
  let p = shortest ? g.d.length : significant;
  let eprec = p;
  if (eprec > g.d.length && g.d.length >= g.dp) eprec = g.d.length;
  if (shortest) eprec = 6;
  const exp = g.d === '0' ? 0 : g.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (p > g.d.length) p = g.d.length;
    return sign + fmtE(g, p - 1, verb === 'G' ? 'E' : 'e');
  }
  if (p > g.dp) p = g.d.length;
  return sign + fmtF(g, Math.max(p - g.dp, 0));
}

// ---- strconv.Quote

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

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
    if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : !asciiOnly && PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd';
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

// ---- Sprintf

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

/** fmt.Sprintf for the verbs templates use: v s q d t f F e E g G x X o O b c U T and %%. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const readInt = (): number => {
    const start = i;
    while (format[i] >= '0' && format[i] <= '9') i++;
    return i > start ? Number(format.slice(start, i)) : -1;
  };
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: -1, prec: -1 };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = true;
      else break;
    }
    if (format[i] === '*') {
      i++;
      const w = args[argi++];
      if (typeof w === 'number' && Number.isInteger(w)) {
        spec.width = Math.abs(w);
        if (w < 0) spec.minus = true;
      } else {
        out += '%!(BADWIDTH)';
      }
    } else {
      spec.width = readInt();
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const p = args[argi++];
        if (typeof p === 'number' && Number.isInteger(p) && p >= 0) spec.prec = p;
        else out += '%!(BADPREC)';
      } else {
        spec.prec = Math.max(readInt(), 0);
      }
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function badVerb(v: unknown, verb: string): string {
  return v === null || v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function pad(s: string, spec: Spec): string {
  const length = [...s].length;
  if (spec.width <= length) return s;
  const fill = ' '.repeat(spec.width - length);
  return spec.minus ? s + fill : fill + s;
}

/** Pads a number: zeros go between the sign/prefix and the digits. */
function padNumber(sign: string, body: string, spec: Spec, zeroAllowed = true): string {
  if (spec.zero && zeroAllowed && !spec.minus && spec.width > sign.length + body.length) {
    return sign + '0'.repeat(spec.width - sign.length - body.length) + body;
  }
  return pad(sign + body, spec);
}

function signOf(negative: boolean, spec: Spec): string {
  return negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

function formatInt(n: number, verb: string, spec: Spec): string {
  const negative = n < 0;
  const abs = BigInt(Math.abs(n));
  const base = { b: 2, o: 8, O: 8, x: 16, X: 16 }[verb] ?? 10;
  let digits = abs.toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (spec.prec >= 0) digits = spec.prec === 0 && abs === 0n ? '' : digits.padStart(spec.prec, '0');
  let prefix = '';
  if (verb === 'O') prefix = '0o';
  else if (spec.sharp) prefix = { b: '0b', o: digits.startsWith('0') ? '' : '0', x: '0x', X: '0X' }[verb] ?? '';
  return padNumber(signOf(negative, spec) + prefix, digits, spec, spec.prec < 0);
}

function quoteRune(cp: number): string {
  const inner = quote(String.fromCodePoint(cp)).slice(1, -1).replace('\\"', '"').replace("'", "\\'");
  return `'${inner}'`;
}

function formatArg(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec) : badVerb(v, verb);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const s = stringer(v);
    if (s !== undefined) return formatArg(s, verb, spec);
  }
  if (Array.isArray(v)) return `[${v.map((e) => formatArg(e, verb, spec)).join(' ')}]`;
  if (isMap(v)) {
    return `map[${sortedKeys(v)
      .map((k) => `${formatArg(k, verb, spec)}:${formatArg(v[k], verb, spec)}`)
      .join(' ')}]`;
  }
  switch (typeof v) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(String(v), spec) : badVerb(v, verb);
    case 'string':
      return formatString(v, verb, spec);
    case 'number':
      return formatNumberArg(v, verb, spec);
    default:
      return badVerb(v, verb);
  }
}

function formatString(s: string, verb: string, spec: Spec): string {
  const cut = spec.prec >= 0 ? [...s].slice(0, spec.prec).join('') : s;
  switch (verb) {
    case 'v':
    case 's':
      return pad(cut, spec);
    case 'q':
      if (spec.sharp && !/[`\u0000-\u0008\u000a-\u001f\u007f]/.test(cut)) return pad(`\`${cut}\``, spec);
      return pad(quote(cut, spec.plus), spec);
    case 'x':
    case 'X': {
      const hex = Buffer.from(cut, 'utf8').toString('hex');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return badVerb(s, verb);
  }
}

function formatNumberArg(n: number, verb: string, spec: Spec): string {
  const isInt = Number.isInteger(n);
  switch (verb) {
    case 'v':
      if (isInt) return formatInt(n, 'd', spec);
      return padNumber(signOf(n < 0, spec), formatFloat(Math.abs(n), 'g', spec.prec), spec);
    case 'd':
    case 'b':
    case 'o':
    case 'O':
    case 'x':
    case 'X':
      return isInt ? formatInt(n, verb, spec) : badVerb(n, verb);
    case 'c':
      return isInt ? pad(String.fromCodePoint(n), spec) : badVerb(n, verb);
    case 'q':
      return isInt ? pad(quoteRune(n), spec) : badVerb(n, verb);
    case 'U': {
      if (!isInt) return badVerb(n, verb);
      const u = `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(spec.sharp ? `${u} '${String.fromCodePoint(n)}'` : u, spec);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const body = formatFloat(Math.abs(n), verb, spec.prec);
      return padNumber(signOf(n < 0, spec), body, spec, Number.isFinite(n));
    }
    default:
      return badVerb(n, verb);
  }
}
