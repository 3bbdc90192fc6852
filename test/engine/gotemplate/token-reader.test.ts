import { TemplateError } from '../../../src/engine/gotemplate/errors';
import { parse } from '../../../src/engine/gotemplate/parser';

function parseError(src: string): string {
  try {
    parse('t', src, () => true);
  } catch (e) {
    if (e instanceof TemplateError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('token reader messages', () => {
  test.each<[string, string, string]>([
    ['an unexpected token, with its value', '{{ define 1 }}{{ end }}', 'template: t:1: unexpected "1" in define clause'],
    [
      'a long token, cut at ten characters',
      '{{ template .abcdefghijklmnop }}',
      'template: t:1: unexpected ".abcdefghi"... in template clause',
    ],
    ['a lexer error', '{{ .x ) }}', 'template: t:1: unexpected right paren'],
    ['an action without a value', '{{ if }}{{ end }}', 'template: t:1: missing value for if'],
    ['a keyword, in angle brackets', '{{ .x end }}', 'template: t:1: unexpected <end> in operand'],
    [
      'a lexer error in an action started on an earlier line',
      '{{ .x\n"abc }}',
      'template: t:2: unterminated quoted string in action started at t:1',
    ],
    ['the end of input', '{{ if 1 }}', 'template: t:1: unexpected EOF'],
  ])('names %s', (_name, src, expected) => {
    expect(parseError(src)).toBe(expected);
  });
});
