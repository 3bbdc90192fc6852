/** strconv's %e, %f and %g for float64: shortest or rounded decimal digits, ties to even as Go rounds. */

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
