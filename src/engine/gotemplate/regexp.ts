/**
 * Go's regexp package for templates: RE2 syntax and linear-time matching through the `re2js` port,
 * with Go's results. re2js mirrors Go's parser and error messages but offers a Java-style API
 * (Matcher.find, JS-style replacement strings), so the Go operations whose empty-match and
 * limit rules differ (FindAll, ReplaceAll, Expand, Split) are written here on top of `find(pos)`.
 * Matching runs on UTF-8 bytes so positions, rune steps and `n` limits are Go's.
 */
import { MatcherInput, RE2JS, RE2JSException, type Matcher } from 're2js';

/** A pattern Go's regexp rejects; the message is Go's `error parsing regexp: ...`. */
export class RegexpSyntaxError extends Error {
  constructor(
    message: string,
    readonly pattern: string,
  ) {
    super(message);
    this.name = 'RegexpSyntaxError';
  }
}

/** Start and end byte offsets of the match and of each group (-1 when a group took no part). */
type Match = number[];

interface Compiled {
  readonly re: RE2JS;
  /** Group indexes of each name, in order (Go allows a name twice). */
  readonly names: ReadonlyMap<string, readonly number[]>;
}

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 200;

function compiled(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (c) return c;
  let re: RE2JS;
  let renamed = new Map<string, string>();
  try {
    try {
      re = RE2JS.compile(pattern);
    } catch (e) {
      if (!(e instanceof RE2JSException) || !e.message.includes('duplicate capture group name')) throw e;
      const unique = uniqueGroupNames(pattern);
      renamed = unique.renamed;
      re = RE2JS.compile(unique.pattern);
    }
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    // Go's syntax.Error always ends with the offending text; RE2/J leaves it off for nesting depth.
    const message = e.message.endsWith('expression nests too deeply') ? `${e.message}: \`${pattern}\`` : e.message;
    throw new RegexpSyntaxError(message, pattern);
  }
  const names = new Map<string, number[]>();
  for (const [name, index] of Object.entries(re.namedGroups()).sort((a, b) => a[1] - b[1])) {
    const original = renamed.get(name) ?? name;
    names.set(original, [...(names.get(original) ?? []), index]);
  }
  c = { re, names };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, c);
  return c;
}

const GROUP_OPEN = /\(\?P?<([\p{L}\p{Nd}_]*)>/uy;

/** End (exclusive) of the character class opening at `start`, skipping escapes and [:name:]. */
function classEnd(p: string, start: number): number {
  let j = start + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') {
    if (p[j] === '\\') j += 2;
    else if (p.startsWith('[:', j) && p.indexOf(':]', j + 2) >= 0) j = p.indexOf(':]', j + 2) + 2;
    else j++;
  }
  return Math.min(j + 1, p.length);
}

/** End of the pattern token at `i`: an escape, a \Q…\E literal, a class, or one character. */
function tokenEnd(p: string, i: number): number {
  if (p[i] === '[') return classEnd(p, i);
  if (p[i] !== '\\') return i + 1;
  if (p[i + 1] !== 'Q') return i + 2;
  const quoteEnd = p.indexOf('\\E', i + 2);
  return quoteEnd < 0 ? p.length : quoteEnd + 2;
}

/**
 * Go accepts the same group name twice; RE2/J does not. Later uses of a name get fresh names, which
 * `renamed` maps back, so Expand still finds the groups by the name the pattern gave them.
 */
function uniqueGroupNames(p: string): { pattern: string; renamed: Map<string, string> } {
  const seen = new Set<string>();
  const renamed = new Map<string, string>();
  let out = '';
  let i = 0;
  while (i < p.length) {
    const end = tokenEnd(p, i);
    GROUP_OPEN.lastIndex = i;
    const open = p[i] === '(' ? GROUP_OPEN.exec(p) : null;
    if (open && seen.has(open[1])) {
      let fresh = '';
      for (let k = renamed.size; fresh === '' || p.includes(fresh); k++) fresh = `${open[1]}_${k}`;
      renamed.set(fresh, open[1]);
      out += `(?P<${fresh}>`;
      i += open[0].length;
      continue;
    }
    if (open) seen.add(open[1]);
    out += p.slice(i, end);
    i = end;
  }
  return { pattern: out, renamed };
}

/** Width of the UTF-8 sequence starting at `pos` (0 at the end), as utf8.DecodeRune steps. */
function runeWidth(bytes: Uint8Array, pos: number): number {
  if (pos >= bytes.length) return 0;
  const b = bytes[pos];
  const width = b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  return Math.min(width, bytes.length - pos);
}

/** A compiled pattern; every method takes and returns JS strings. */
export class GoRegexp {
  private readonly re: RE2JS;
  private readonly names: ReadonlyMap<string, readonly number[]>;

  /** regexp.Compile: throws RegexpSyntaxError for patterns outside RE2 syntax. */
  constructor(readonly pattern: string) {
    ({ re: this.re, names: this.names } = compiled(pattern));
  }

  /** regexp.MatchString. */
  matchString(s: string): boolean {
    return this.re.test(Buffer.from(s, 'utf8'));
  }

  /** FindString: the leftmost match, '' when none. */
  findString(s: string): string {
    const bytes = Buffer.from(s, 'utf8');
    const [m] = this.all(bytes, 1);
    return m ? text(bytes, m[0], m[1]) : '';
  }

  /** FindAllString: up to n matches (all when n < 0); nil (undefined) when there are none. */
  findAllString(s: string, n: number): string[] | undefined {
    const bytes = Buffer.from(s, 'utf8');
    const found = this.all(bytes, n < 0 ? bytes.length + 1 : n).map((m) => text(bytes, m[0], m[1]));
    return found.length > 0 ? found : undefined;
  }

  /** ReplaceAllString: `repl` expanded per match with $1, ${name} and $$. */
  replaceAllString(s: string, repl: string): string {
    return this.replace(s, (bytes, m) => Buffer.from(this.expand(repl, bytes, m), 'utf8'));
  }

  /** ReplaceAllLiteralString: `repl` inserted as it is. */
  replaceAllLiteralString(s: string, repl: string): string {
    const literal = Buffer.from(repl, 'utf8');
    return this.replace(s, () => literal);
  }

  /** Split: at most n pieces (all when n < 0); nil (undefined) when n is 0. */
  split(s: string, n: number): string[] | undefined {
    if (n === 0) return undefined;
    if (this.pattern.length > 0 && s.length === 0) return [''];
    const bytes = Buffer.from(s, 'utf8');
    const pieces: string[] = [];
    let begin = 0;
    let end = 0;
    for (const m of this.all(bytes, n < 0 ? bytes.length + 1 : n)) {
      if (n > 0 && pieces.length === n - 1) break;
      end = m[0];
      if (m[1] !== 0) pieces.push(text(bytes, begin, end));
      begin = m[1];
    }
    if (end !== bytes.length) pieces.push(text(bytes, begin, bytes.length));
    return pieces;
  }

  private matcher(bytes: Uint8Array): Matcher {
    return this.re.matcher(MatcherInput.utf8(bytes));
  }

  private groups(m: Matcher): Match {
    const out: number[] = [];
    for (let g = 0; g <= this.re.groupCount(); g++) out.push(m.start(g), m.end(g));
    return out;
  }

  /** Go's allMatches: an empty match right after the previous match is skipped; empty matches step one rune. */
  private all(bytes: Uint8Array, n: number): Match[] {
    const out: Match[] = [];
    const m = this.matcher(bytes);
    let prevEnd = -1;
    for (let pos = 0; out.length < n && pos <= bytes.length;) {
      if (!m.find(pos)) break;
      const [start, end] = [m.start(), m.end()];
      let accept = true;
      if (end === pos) {
        if (start === prevEnd) accept = false;
        const width = runeWidth(bytes, pos);
        pos = width > 0 ? pos + width : bytes.length + 1;
      } else {
        pos = end;
      }
      prevEnd = end;
      if (accept) out.push(this.groups(m));
    }
    return out;
  }

  /** Go's replaceAll: no replacement for an empty match that touches the previous one. */
  private replace(s: string, repl: (bytes: Uint8Array, m: Match) => Uint8Array): string {
    const bytes = Buffer.from(s, 'utf8');
    const m = this.matcher(bytes);
    const parts: Uint8Array[] = [];
    let lastEnd = 0;
    let search = 0;
    while (search <= bytes.length && m.find(search)) {
      const match = this.groups(m);
      parts.push(bytes.subarray(lastEnd, match[0]));
      if (match[1] > lastEnd || match[0] === 0) parts.push(repl(bytes, match));
      lastEnd = match[1];
      const width = runeWidth(bytes, search);
      if (search + width > match[1]) search += width;
      else if (search + 1 > match[1]) search++;
      else search = match[1];
    }
    parts.push(bytes.subarray(lastEnd));
    return Buffer.concat(parts).toString('utf8');
  }

  /** regexp.Expand: $$ is a dollar; $name and ${name} take the longest run of letters, digits and _. */
  private expand(template: string, src: Uint8Array, m: Match): string {
    let out = '';
    let i = 0;
    for (let dollar = template.indexOf('$'); dollar >= 0; dollar = template.indexOf('$', i)) {
      out += template.slice(i, dollar);
      i = dollar + 1;
      if (template[i] === '$') {
        out += '$';
        i++;
        continue;
      }
      const reference = template[i] === '{' ? BRACED_NAME : NAME;
      reference.lastIndex = i;
      const ref = reference.exec(template);
      if (!ref) {
        out += '$'; // malformed: the dollar is literal text
        continue;
      }
      i = reference.lastIndex;
      out += this.group(ref[1], src, m);
    }
    return out + template.slice(i);
  }

  /** A group by number or name ('' when it took no part); of groups sharing a name, the first that matched. */
  private group(name: string, src: Uint8Array, m: Match): string {
    const indexes = /^(0|[1-9]\d{0,8})$/.test(name) ? [Number(name)] : (this.names.get(name) ?? []);
    const index = indexes.find((x) => 2 * x + 1 < m.length && m[2 * x] >= 0);
    return index === undefined ? '' : text(src, m[2 * index], m[2 * index + 1]);
  }
}

/** A group reference after a `$`: `{name}` or `name`, a name being letters, digits and underscores. */
const BRACED_NAME = /\{([\p{L}\p{Nd}_]+)\}/uy;
const NAME = /([\p{L}\p{Nd}_]+)/uy;

function text(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
