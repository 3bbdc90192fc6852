import { render, SPRIG_FUNCTIONS, TemplateError } from '../../../src/engine/gotemplate';
import { callFunction } from '../../../src/engine/gotemplate/builtins';
import { regexFunctions, semverCompare } from '../../../src/engine/gotemplate/sprig-text';
import { outcomesWithGo, renderWithGo } from './go-oracle';

const re = regexFunctions();

describe('regex functions', () => {
  test.each<[string, unknown[], unknown]>([
    ['regexMatch', ['^[a-z]+$', 'abc'], true],
    ['regexMatch', ['(', 'abc'], false],
    ['regexFind', ['[0-9]+', 'a12b34'], '12'],
    ['regexFind', ['x', 'abc'], ''],
    ['regexFindAll', ['[0-9]', 'a1b2c3', 2], ['1', '2']],
    ['regexFindAll', ['[0-9]', 'a1b2c3', -1], ['1', '2', '3']],
    ['regexReplaceAll', ['(?P<w>\\w+)@', 'me@x', '<$w>'], '<me>x'],
    ['regexReplaceAll', ['(a)', 'a', '$1x|${1}x|$$'], '|ax|$'],
    ['regexReplaceAllLiteral', ['a', 'aba', '$1'], '$1b$1'],
    ['regexSplit', ['z+', 'pizza', -1], ['pi', 'a']],
    ['regexSplit', [',', 'a,b,c', 2], ['a', 'b,c']],
    ['regexSplit', [',', 'a,b', 0], []],
  ])('%s %j', (name, args, expected) => {
    expect(callFunction(re[name], args)).toEqual(expected);
  });

  test('regexReplaceAll fails on an invalid pattern', () => {
    expect(() => callFunction(re.regexReplaceAll, ['(', 'x', 'y'])).toThrow(
      'regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    );
  });
});

const nested = (depth: number): string => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
const VALUES = { s: 'str', list: ['a', 1] };

/** Regex calls that run in Go; each source's output must equal Go's (through helm). Hostile ones included. */
const REGEX_CASES: readonly string[] = [
  // catastrophic for backtracking engines
  '{{ regexMatch "^(a+)+$" (repeat 47 "a") }} {{ regexMatch "^(a+)+$" (printf "%s!" (repeat 46 "a")) }}',
  '{{ regexMatch "^(a+)+$" (printf "%s!" (repeat 100000 "a")) }} {{ regexMatch "^(a|aa)+$" (repeat 100000 "a") }}',
  '{{ regexFindAll "(?:a|aa)*c" (repeat 30000 "a") -1 | len }} {{ regexFind "(x+x+)+y" (repeat 50000 "x") | quote }}',
  // huge inputs
  '{{ regexSplit "a" (repeat 50000 "ba") -1 | len }} {{ regexReplaceAll "(b)(a)" (repeat 50000 "ba") "$2$1" | len }}',
  '{{ regexFindAll "" (repeat 20000 "é") -1 | len }}',
  // deep nesting within Go's limit
  `{{ regexFind "${nested(500)}" "a" }}`,
  // invalid UTF-8 in a string literal: each bad byte is one U+FFFD rune to the matcher
  '{{ regexFindAll "." "\\xff\\xfea" -1 | len }} {{ regexReplaceAll "[^a]" "\\xffa" "-" }}',
  // Go's empty-match, limit and expansion rules
  '{{ regexFindAll "a|" "baab" -1 }} {{ regexFindAll "" "aé" -1 }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }} {{ regexFindAll "a*" "baaac" -1 }}',
  '{{ regexFindAll "x" "abc" -1 }} {{ len (regexFindAll "x" "abc" -1) }} {{ typeOf (regexFindAll "x" "abc" -1) }}',
  '{{ regexSplit "a|" "baab" -1 }} {{ regexSplit "," "a,b," -1 }} {{ regexSplit "x*" "axbc" 2 }} {{ regexSplit "x*" "" -1 }} {{ regexSplit "" "" -1 }} {{ regexSplit "," "a,b" 0 }}',
  '{{ regexReplaceAll "a*" "baaac" "X" }} {{ regexReplaceAll "" "abc" "-" }} {{ regexReplaceAll "b*" "abc" "-" }} {{ regexSplit "b*" "abc" -1 }}',
  '{{ regexReplaceAll "(a)(?P<w>b)?" "ab a" "[$1|${w}|$w}|$$|${|$2x|$01|$|]" }}',
  '{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "${last}, ${first}" }} {{ regexReplaceAllLiteral "(a)" "xax" "$1" }}',
  '{{ regexReplaceAll "(a)" "a" "${1" }} {{ regexReplaceAll "é" "éaé" "<$0>" }} {{ regexReplaceAll "(a)" "a" "$١" }}',
  // RE2 syntax Go accepts
  '{{ regexReplaceAll "(?i)A" "aA" "b" }} {{ regexFind "\\\\pL+" "12héllo" }} {{ regexFind "(?U)a+" "aaa" }} {{ regexFind "[[:alpha:]]+" "12ab3" }}',
  '{{ regexFind "\\\\Qa.b\\\\E" "xa.b" }} {{ regexFind "(?<n>x)" "x" }} {{ regexFind "\\\\z" "x" }} {{ regexFind "\\\\bfoo\\\\b" "a foo b" }}',
  '{{ regexMatch "(?s)." "\\n" }} {{ regexMatch "." "\\n" }} {{ regexMatch "(?m)^b$" "a\\nb" }} {{ regexFind "(?i)k" "\\u212a" }}',
  '{{ regexFind "(?P<n>a)(?P<n>b)" "ab" }} {{ regexReplaceAll "(?P<n>a)|(?P<n>b)" "ab" "<$n>" }} {{ regexFind "\\\\p{Greek}+" "abγδ" }}',
  '{{ regexQuoteMeta "a.b*c[d]" }} {{ regexMatch "(" "abc" }}',
  '{{ "a" | regexFind "a" }} {{ regexFind .Values.s .Values.s }} {{ regexFindAll "a" "aaa" (len "ab") }} {{ regexFindAll "a" "aaa" 1.0 }}',
];

/** Regex calls that fail in Go; our message must be Go's. */
const REGEX_ERROR_CASES: readonly string[] = [
  '{{ regexFind "(" "abc" }}',
  '{{ mustRegexFind "(" "abc" }}',
  '{{ mustRegexMatch "(?=x)" "abc" }}',
  '{{ regexFind "\\\\1" "abc" }}',
  '{{ regexFind "(?<!x)" "a" }}',
  '{{ regexFind "a{1001}" "a" }}',
  '{{ regexFind "x**" "a" }}',
  '{{ regexFind "x{2}{3}" "xxxxxx" }}',
  '{{ regexFind "\\\\C" "a" }}',
  '{{ regexFind "(`" "`" }}',
  '{{ mustRegexReplaceAll "(" "a" "b" }}',
  `{{ regexFind "${nested(1001)}" "a" }}`,
  '{{ regexFind 1 "a" }}',
  '{{ regexFindAll "a" "a" "x" }}',
  '{{ regexFindAll "a" "a" 1.5 }}',
  '{{ regexFindAll "a" "aaa" .Values.list }}',
  '{{ 5 | regexFind "a" }}',
  '{{ regexFind nil "a" }}',
  '{{ regexSplit "a" "bab" true }}',
];

describe('regex functions agree with Go (rendered by helm)', () => {
  const go = renderWithGo(REGEX_CASES, VALUES);
  if (!go) {
    test.skip('helm is not available, so there is no Go reference', () => undefined);
    return;
  }
  test.each(REGEX_CASES.map((source, i) => [source.slice(0, 120), source, go[i]]))('%s', (_label, source, expected) => {
    expect(render(source, { Values: VALUES }, { name: 'gotpl', funcs: SPRIG_FUNCTIONS })).toBe(expected);
  });
});

describe('regex errors agree with Go (rendered by helm)', () => {
  const go = outcomesWithGo(REGEX_ERROR_CASES, VALUES);
  if (!go) {
    test.skip('helm is not available, so there is no Go reference', () => undefined);
    return;
  }
  test.each(REGEX_ERROR_CASES.map((source, i) => [source.slice(0, 120), source, go[i]]))('%s', (_label, source, expected) => {
    let ours = 'no error';
    try {
      render(source, { Values: VALUES }, { name: 'gotpl', funcs: SPRIG_FUNCTIONS });
    } catch (e) {
      ours = e instanceof TemplateError ? e.message : String(e);
    }
    expect(ours).toBe(expected);
  });
});

describe('semverCompare', () => {
  test.each<[string, string, boolean]>([
    ['>=1.2.3', '1.2.3', true],
    ['>1.2.3', '1.2.3', false],
    ['<2', '1.99.0', true],
    ['<=1.2', '1.2.9', true],
    ['<=1.2', '1.3.0', false],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    ['=1.2.x', '1.2.7', true],
    ['!=1.2.x', '1.2.7', false],
    ['*', '5.0.0', true],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.0.3', '0.0.4', false],
    ['>=1.2, <1.4', '1.3.1', true],
    ['>=1.2 <1.4', '1.4.0', false],
    ['<1.0 || >=2.0', '2.1.0', true],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['>= 1.2', 'v1.2.0', true],
    ['>=1.2.0', '1.3.0-alpha', false],
    ['>=1.2.0-0', '1.3.0-alpha', true],
    ['<1.3.0-beta', '1.3.0-alpha', true],
  ])('%s matches %s: %p', (constraint, version, expected) => {
    expect(semverCompare(constraint, version)).toBe(expected);
  });

  test.each<[string, string, string]>([
    ['>=x.y', '1.0.0', 'improper constraint: >=x.y'],
    ['>=1.0', 'one', 'invalid semantic version'],
  ])('rejects %s against %s', (constraint, version, message) => {
    expect(() => semverCompare(constraint, version)).toThrow(message);
  });
});
