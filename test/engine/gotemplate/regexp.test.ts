import { GoRegexp, quoteMeta, RegexpSyntaxError } from '../../../src/engine/gotemplate/regexp';

const re = (pattern: string): GoRegexp => new GoRegexp(pattern);

describe('GoRegexp', () => {
  // No time is asserted: a backtracking engine takes minutes on these, beyond the suite's timeout.
  test('answers a nested-quantifier pattern on 47 characters', () => {
    expect(re('^(a+)+$').matchString('a'.repeat(47))).toBe(true);
    expect(re('^(a+)+$').matchString(`${'a'.repeat(46)}!`)).toBe(false);
  });

  test('answers nested-quantifier patterns on 100k characters', () => {
    const long = 'a'.repeat(100_000);
    expect(re('^(a+)+$').matchString(`${long}!`)).toBe(false);
    expect(re('^(a|aa)+$').matchString(long)).toBe(true);
    expect(re('(x+x+)+y').findAllString('x'.repeat(100_000), -1)).toBeUndefined();
  });

  test.each<[string, string, number, string[] | undefined]>([
    ['a|', 'baab', -1, ['', 'a', 'a', '']],
    ['', 'aé', -1, ['', '', '']],
    ['[0-9]', 'a1b2c3', 2, ['1', '2']],
    ['x', 'abc', -1, undefined],
    ['a*', 'baaac', -1, ['', 'aaa', '']],
  ])("FindAllString(%j, %j, %p) skips empty matches right after a match, as Go's does", (pattern, s, n, expected) => {
    expect(re(pattern).findAllString(s, n)).toEqual(expected);
  });

  test.each<[string, string, number, string[] | undefined]>([
    ['a|', 'baab', -1, ['b', '', 'b']],
    [',', 'a,b,', -1, ['a', 'b', '']],
    ['x*', 'axbc', 2, ['a', 'bc']],
    ['x*', '', -1, ['']],
    ['', '', -1, []],
    [',', 'a,b', 0, undefined],
  ])('Split(%j, %j, %p) follows Go', (pattern, s, n, expected) => {
    expect(re(pattern).split(s, n)).toEqual(expected);
  });

  test.each<[string, string, string, string]>([
    ['a*', 'baaac', 'X', 'XbXcX'],
    ['(a)(?P<w>b)?', 'ab a', '[$1|${w}|$w}|$$|${|$2x|$01|$|]', '[a|b|b}|$|${|||$|] [a||}|$|${|||$|]'],
    ['(?P<first>\\w+) (?P<last>\\w+)', 'John Smith', '${last}, ${first}', 'Smith, John'],
    ['é', 'éaé', '<$0>', '<é>a<é>'],
    ['b*', 'abc', '-', '-a-c-'],
  ])('ReplaceAllString(%j, %j, %j) expands as regexp.Expand', (pattern, s, repl, expected) => {
    expect(re(pattern).replaceAllString(s, repl)).toBe(expected);
  });

  test('ReplaceAllLiteralString inserts the replacement as it is', () => {
    expect(re('(a)').replaceAllLiteralString('xax', '$1')).toBe('x$1x');
  });

  test('accepts a group name used twice, as Go does, and expands the first group that matched', () => {
    expect(re('(?P<n>a)|(?P<n>b)').replaceAllString('ab', '<$n>')).toBe('<a><b>');
    expect(re('[(?P<n>]|(?P<n>a)(?P<n>b)').replaceAllString('ab(', '<${n}>')).toBe('<a><>');
  });

  test.each<[string, string]>([
    ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['(?<!x)', 'error parsing regexp: invalid named capture: `(?<!x)`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['(', 'error parsing regexp: missing closing ): `(`'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ])("rejects %j with Go's message", (pattern, message) => {
    expect(() => re(pattern)).toThrow(RegexpSyntaxError);
    expect(() => re(pattern)).toThrow(message);
  });

  test('reads Go syntax: flags, Unicode classes, named groups, quoted text', () => {
    expect(re('(?i)straSSe').matchString('STRASSE')).toBe(true);
    expect(re('\\pL+').findString('12héllo')).toBe('héllo');
    expect(re('(?U)a+').findString('aaa')).toBe('a');
    expect(re('\\Qa.b\\E').findString('xa.b')).toBe('a.b');
  });

  test('quoteMeta escapes what Go escapes', () => {
    expect(quoteMeta('a.b*c[d]$^|(){}+?\\')).toBe('a\\.b\\*c\\[d\\]\\$\\^\\|\\(\\)\\{\\}\\+\\?\\\\');
  });
});
