/** Kubernetes resource quantities in canonical form (`2000m` → `2`, `1024Mi` → `1Gi`), as the API types print them. */

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_NAMES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

const known = new Map<string, string | undefined>();
const KNOWN_LIMIT = 10000;

/** The canonical text of a quantity; undefined when the text is not a quantity. */
export function canonicalQuantity(text: string): string | undefined {
  if (known.has(text)) return known.get(text);
  const result = canonicalize(text);
  if (known.size < KNOWN_LIMIT) known.set(text, result);
  return result;
}

function canonicalize(text: string): string | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const negative = m[1] === '-';
  const frac = m[3] ?? '';
  let digits = BigInt(`${m[2] || '0'}${frac}`);
  let exp = -frac.length;
  const suffix = m[4] ?? '';
  let format: 'binary' | 'decimal' | 'exponent' = 'decimal';
  if (suffix in BINARY_SUFFIX) {
    digits *= 1024n ** BigInt(BINARY_SUFFIX[suffix]);
    format = 'binary';
  } else if (/^[eE]/.test(suffix)) {
    exp += Number(suffix.slice(1));
    format = 'exponent';
  } else {
    exp += DECIMAL_SUFFIX[suffix];
  }
  // Precision below nano units rounds up (away from zero), as Kubernetes does.
  if (exp < -9) {
    const div = 10n ** BigInt(-9 - exp);
    digits = (digits + div - 1n) / div;
    exp = -9;
  }
  if (digits === 0n) return '0';
  if (format === 'binary') {
    const whole = exp >= 0 ? digits * 10n ** BigInt(exp) : digits % 10n ** BigInt(-exp) === 0n ? digits / 10n ** BigInt(-exp) : undefined;
    if (whole !== undefined && whole >= 1024n) return (negative ? '-' : '') + binaryText(whole);
  }
  let mantissa = digits;
  while (((exp % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exp -= 1;
  }
  while (mantissa % 1000n === 0n && exp < 18) {
    mantissa /= 1000n;
    exp += 3;
  }
  const sign = negative ? '-' : '';
  if (format === 'exponent') return `${sign}${mantissa}${exp === 0 ? '' : `e${exp}`}`;
  return `${sign}${mantissa}${DECIMAL_NAMES[exp] ?? `e${exp}`}`;
}

function binaryText(value: bigint): string {
  let v = value;
  let e = 0;
  while (v % 1024n === 0n && e < BINARY_NAMES.length - 1) {
    v /= 1024n;
    e++;
  }
  return `${v}${BINARY_NAMES[e]}`;
}
