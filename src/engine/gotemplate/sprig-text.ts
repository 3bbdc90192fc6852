import { type TemplateFunction, withArity } from './builtins';

/** Sprig's regular-expression functions and semverCompare (Masterminds semver v3 rules, common subset). */

function compile(pattern: string, global = true): RegExp {
  // RE2's leading inline flags become JS flags and (?P<name>) becomes (?<name>); the rest is shared.
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  const flags = (m ? m[1].replace(/U/g, '') : '') + (global ? 'g' : '');
  const body = (m ? pattern.slice(m[0].length) : pattern).replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new Error(`regexp: Compile(${JSON.stringify(pattern)}): ${(e as Error).message}`);
  }
}

/** Non-overlapping matches, skipping empty matches right after a previous match (Go's rule). */
function allMatches(re: RegExp, s: string, limit = -1): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m && (limit < 0 || out.length < limit); m = re.exec(s)) {
    const end = m.index + m[0].length;
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      if (m.index === prevEnd) continue;
    }
    out.push(m);
    prevEnd = end;
    if (m.index >= s.length) break;
  }
  return out;
}

/** regexp.Expand: $1, ${1}, $name, ${name}; $$ is a dollar; unknown groups are empty. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, tok: string, braced?: string, bare?: string) => {
    if (tok === '$') return '$';
    const name = braced ?? bare ?? '';
    const value = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    return value ?? '';
  });
}

function replaceAll(pattern: string, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(compile(pattern), s)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function text(v: unknown): string {
  if (typeof v !== 'string') throw new Error('wrong type for value; expected string');
  return v;
}

export function regexFunctions(): Record<string, TemplateFunction> {
  return {
    regexMatch: withArity((re: unknown, s: unknown) => {
      try {
        return compile(text(re), false).test(text(s));
      } catch {
        return false;
      }
    }, 2),
    regexFind: withArity((re: unknown, s: unknown) => allMatches(compile(text(re)), text(s), 1)[0]?.[0] ?? '', 2),
    regexFindAll: withArity((re: unknown, s: unknown, n: unknown) => allMatches(compile(text(re)), text(s), Number(n)).map((m) => m[0]), 3),
    regexReplaceAll: withArity((re: unknown, s: unknown, r: unknown) => replaceAll(text(re), text(s), (m) => expand(text(r), m)), 3),
    regexReplaceAllLiteral: withArity((re: unknown, s: unknown, r: unknown) => replaceAll(text(re), text(s), () => text(r)), 3),
    regexSplit: withArity((re: unknown, s: unknown, n: unknown) => {
      const str = text(s);
      const limit = Number(n);
      if (limit === 0) return [];
      const parts: string[] = [];
      let last = 0;
      for (const m of allMatches(compile(text(re)), str)) {
        if (limit > 0 && parts.length === limit - 1) break;
        if (m[0] === '' && m.index === 0) continue;
        parts.push(str.slice(last, m.index));
        last = m.index + m[0].length;
      }
      parts.push(str.slice(last));
      return parts;
    }, 3),
  };
}

// ---- semver

interface Version {
  readonly nums: readonly number[];
  readonly pre: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const COMPARATOR =
  /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(s: string): Version {
  const m = VERSION.exec(s.trim());
  if (!m) throw new Error('Invalid Semantic Version');
  return { nums: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb && Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) < Number(pb[i]) ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i] < b.nums[i] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

function comparator(expr: string, raw: string): (v: Version) => boolean {
  const m = COMPARATOR.exec(expr);
  if (!m) throw new Error(`improper constraint: ${raw}`);
  const op = m[1] ?? '=';
  const parts = [m[2], m[3], m[4]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? undefined : Number(p)));
  const dirty = parts.findIndex((p) => p === undefined);
  const base: Version = { nums: parts.map((p) => p ?? 0), pre: m[5] ?? '' };
  const bump = (i: number): Version => ({ nums: base.nums.map((n, j) => (j < i ? n : j === i ? n + 1 : 0)), pre: '' });
  const upper = dirty > 0 ? bump(dirty - 1) : undefined;
  const inWildcard = (v: Version): boolean => dirty === 0 || (compare(v, base) >= 0 && compare(v, upper as Version) < 0);
  const check = ((): ((v: Version) => boolean) => {
    switch (op) {
      case '=':
        return dirty >= 0 ? inWildcard : (v) => compare(v, base) === 0;
      case '!=':
        return dirty >= 0 ? (v) => !inWildcard(v) : (v) => compare(v, base) !== 0;
      case '>':
        return dirty === 0 ? () => false : upper ? (v) => compare(v, upper) >= 0 : (v) => compare(v, base) > 0;
      case '>=':
      case '=>':
        return (v) => compare(v, base) >= 0;
      case '<':
        return (v) => compare(v, base) < 0;
      case '<=':
      case '=<':
        return dirty === 0 ? () => true : upper ? (v) => compare(v, upper) < 0 : (v) => compare(v, base) <= 0;
      case '~':
      case '~>': {
        const hi = parts[1] === undefined ? bump(0) : bump(1);
        return (v) => compare(v, base) >= 0 && compare(v, hi) < 0;
      }
      default: {
        const [major, minor] = base.nums;
        const hi = major > 0 || parts[1] === undefined ? bump(0) : minor > 0 || parts[2] === undefined ? bump(1) : bump(2);
        return (v) => compare(v, base) >= 0 && compare(v, hi) < 0;
      }
    }
  })();
  // A pre-release version only satisfies comparators that name a pre-release themselves.
  return (v) => (v.pre === '' || base.pre !== '') && check(v);
}

/** Whether `version` satisfies `constraint` (`>=1.2, <2 || ~3.1`, `1.x`, `^0.3`, `1.2 - 1.4`). */
export function semverCompare(constraint: string, version: string): boolean {
  const groups = constraint.split('||').map((group) => {
    const normalized = group
      .trim()
      .replace(/(\S+)\s+-\s+(\S+)/g, '>=$1 <=$2')
      .replace(/([<>=!~^]+)\s+/g, '$1');
    const exprs = normalized.split(/[\s,]+/).filter((e) => e !== '');
    if (exprs.length === 0) throw new Error(`improper constraint: ${constraint}`);
    return exprs.map((e) => comparator(e, constraint));
  });
  const v = parseVersion(version);
  return groups.some((checks) => checks.every((c) => c(v)));
}
