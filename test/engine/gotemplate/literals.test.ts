import { parseNumber, unquote } from '../../../src/engine/gotemplate/literals';

describe('unquote', () => {
  test.each<[string, string | undefined]>([
    ['"plain"', 'plain'],
    ['"\\t\\n\\\\\\""', '\t\n\\"'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'A\u0041é😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['`raw \\n\r`', 'raw \\n'],
    ["'x'", 'x'],
    ["'\\n'", '\n'],
    ['"\\q"', undefined],
    ['"\\\'"', undefined],
    ["'ab'", undefined],
    ['"unterminated', undefined],
  ])('%s', (literal, expected) => {
    expect(unquote(literal)).toBe(expected);
  });
});

describe('parseNumber', () => {
  test.each<[string, { value: number; isFloat: boolean } | undefined]>([
    ['42', { value: 42, isFloat: false }],
    ['-7', { value: -7, isFloat: false }],
    ['0x1F', { value: 31, isFloat: false }],
    ['0o17', { value: 15, isFloat: false }],
    ['017', { value: 15, isFloat: false }],
    ['0b101', { value: 5, isFloat: false }],
    ['1_000', { value: 1000, isFloat: false }],
    ['1.5', { value: 1.5, isFloat: true }],
    ['1e3', { value: 1000, isFloat: true }],
    ['.5', { value: 0.5, isFloat: true }],
    ['1__0', undefined],
    ['2i', undefined],
    ['1.2.3', undefined],
  ])('%s', (text, expected) => {
    expect(parseNumber(text)).toEqual(expected);
  });
});
