import { stringArg as str, intArg as int } from './args';
import { type TemplateFunction, withParams } from './builtins';
import { canBackquote, quote } from './format';
import { GoRegexp, quoteMeta, RegexpSyntaxError } from './regexp';
import { markType } from './values';

/**
 * Sprig's regular-expression functions and semverCompare (Masterminds semver v3 rules, common subset).
 * Patterns are Go's RE2 and match in linear time (see regexp.ts). As in Sprig, the plain functions treat
 * a bad pattern as regexp.MustCompile does (a panic naming the pattern, which the template reports),
 * regexMatch answers false, and the must* variants return Go's compile error.
 */

/** How regexp.MustCompile quotes a pattern: backquotes when Go's CanBackquote allows them. */
function goQuote(s: string): string {
  return canBackquote(s) ? `\`${s}\`` : quote(s);
}

function compile(p: string, must: boolean): GoRegexp {
  try {
    return new GoRegexp(p);
  } catch (e) {
    if (!(e instanceof RegexpSyntaxError)) throw e;
    throw new Error(must ? e.message : `regexp: Compile(${goQuote(p)}): ${e.message}`, { cause: e });
  }
}

/** A []string result; Go's nil slice prints as [] too. */
function strings(list: string[] | undefined): string[] {
  return markType(list ?? [], { name: '[]string', nil: list === undefined });
}

/**
 * A Sprig regex function and its must* twin. Go checks the arguments before the call, so `args` turns
 * them into typed values before the pattern is compiled.
 */
function pair<A extends unknown[]>(
  name: string,
  params: readonly string[],
  args: (raw: unknown[]) => A,
  run: (re: GoRegexp, ...a: A) => unknown,
): Record<string, TemplateFunction> {
  const make = (must: boolean): TemplateFunction =>
    withParams(
      (pattern: unknown, ...raw: unknown[]) => {
        const p = str(pattern);
        const typed = args(raw);
        return run(compile(p, must), ...typed);
      },
      ['string', ...params],
    );
  return { [name]: make(false), [`must${name[0].toUpperCase()}${name.slice(1)}`]: make(true) };
}

const oneString = ([s]: unknown[]): [string] => [str(s)];
const stringAndInt = ([s, n]: unknown[]): [string, number] => [str(s), int(n)];
const twoStrings = ([s, r]: unknown[]): [string, string] => [str(s), str(r)];

export function regexFunctions(): Record<string, TemplateFunction> {
  return {
    ...pair('regexMatch', ['string'], oneString, (re, s) => re.matchString(s)),
    // Replaces the plain regexMatch above: Sprig's answers false for a pattern that does not compile.
    regexMatch: withParams(
      (pattern: unknown, s: unknown) => {
        const [p, text] = [str(pattern), str(s)];
        try {
          return compile(p, true).matchString(text);
        } catch (e) {
          if (e instanceof Error && e.cause instanceof RegexpSyntaxError) return false;
          throw e;
        }
      },
      ['string', 'string'],
    ),
    ...pair('regexFind', ['string'], oneString, (re, s) => re.findString(s)),
    ...pair('regexFindAll', ['string', 'int'], stringAndInt, (re, s, n) => strings(re.findAllString(s, n))),
    ...pair('regexReplaceAll', ['string', 'string'], twoStrings, (re, s, r) => re.replaceAllString(s, r)),
    ...pair('regexReplaceAllLiteral', ['string', 'string'], twoStrings, (re, s, r) => re.replaceAllLiteralString(s, r)),
    ...pair('regexSplit', ['string', 'int'], stringAndInt, (re, s, n) => strings(re.split(s, n))),
    regexQuoteMeta: withParams((s: unknown) => quoteMeta(str(s)), ['string']),
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
  if (!m) throw new Error('invalid semantic version');
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
    // Token by token, so a long constraint costs linear time: "A - B" is a range, ">= A" one comparator.
    const tokens = group.split(/[\s,]+/).filter((e) => e !== '');
    const exprs: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i + 1] === '-' && i + 2 < tokens.length) {
        exprs.push(`>=${tokens[i]}`, `<=${tokens[i + 2]}`);
        i += 2;
      } else if (/^[<>=!~^]+$/.test(tokens[i]) && i + 1 < tokens.length) {
        exprs.push(tokens[i] + tokens[++i]);
      } else {
        exprs.push(tokens[i]);
      }
    }
    if (exprs.length === 0) throw new Error(`improper constraint: ${constraint}`);
    return exprs.map((e) => comparator(e, constraint));
  });
  const v = parseVersion(version);
  return groups.some((checks) => checks.every((c) => c(v)));
}
