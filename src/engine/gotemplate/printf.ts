/** fmt.Sprintf for the verbs templates use. */
import { formatFloat } from './floats';
import { canBackquote, formatValue, goTypeName, isMap, isPrint, quote, sortedKeys, stringerText } from './format';
import { GoPointer, GoStruct } from './values';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

/** fmt's tooLarge: a width or precision beyond this is refused, so no format builds a huge padding. */
const MAX_FIELD = 1_000_000;

/** fmt.Sprintf for the verbs templates use: v s q d t f F e E g G x X o O b c U T and %%. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  // fmt's parsenum: a number that grows past MAX_FIELD swallows the rest of the format (Go then reports NOVERB).
  const readInt = (): number => {
    let n = -1;
    for (; format[i] >= '0' && format[i] <= '9'; i++) {
      if (n > MAX_FIELD) {
        i = format.length;
        return -1;
      }
      n = Math.max(n, 0) * 10 + Number(format[i]);
    }
    return n;
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
      if (typeof w === 'number' && Number.isInteger(w) && Math.abs(w) <= MAX_FIELD) {
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
        if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_FIELD) spec.prec = p;
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

/** The character of a rune; what is no valid code point (negative, a surrogate, too large) is U+FFFD, as in fmt. */
function runeText(n: number): string {
  return n >= 0 && n <= 0x10ffff && (n < 0xd800 || n >= 0xe000) ? String.fromCodePoint(n) : '\ufffd';
}

function quoteRune(n: number, asciiOnly: boolean): string {
  const inner = quote(runeText(n), asciiOnly).slice(1, -1).replace('\\"', '"').replace("'", "\\'");
  return `'${inner}'`;
}

/** %U: U+ and at least four (or the precision's) hex digits of the rune as uint64; %#U adds a printable character. */
function unicodeText(n: number, spec: Spec): string {
  const digits = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : n).toString(16).toUpperCase();
  const u = `U+${digits.padStart(Math.max(4, spec.prec), '0')}`;
  const ch = runeText(n);
  return spec.sharp && n >= 0 && n <= 0x10ffff && isPrint(ch) ? `${u} '${ch}'` : u;
}

function formatArg(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec) : badVerb(v, verb);
  // Structs and pointers print as %v does; their per-verb forms are not modelled.
  if (v instanceof GoStruct || v instanceof GoPointer) return pad(formatValue(v), spec);
  const s = stringerText(v);
  if (s !== undefined) return formatArg(s, verb, spec);
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
      if (spec.sharp && canBackquote(cut)) return pad(`\`${cut}\``, spec);
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
      return isInt ? pad(runeText(n), spec) : badVerb(n, verb);
    case 'q':
      return isInt ? pad(quoteRune(n, spec.plus), spec) : badVerb(n, verb);
    case 'U':
      return isInt ? pad(unicodeText(n, spec), spec) : badVerb(n, verb);
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
