import { regexFunctions, semverCompare } from '../../../src/engine/gotemplate/sprig-text';

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
    expect(re[name](...args)).toEqual(expected);
  });

  test('regexReplaceAll fails on an invalid pattern', () => {
    expect(() => re.regexReplaceAll('(', 'x', 'y')).toThrow('regexp: Compile("(")');
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
    ['>=1.0', 'one', 'Invalid Semantic Version'],
  ])('rejects %s against %s', (constraint, version, message) => {
    expect(() => semverCompare(constraint, version)).toThrow(message);
  });
});
