import { lex } from '../../../src/engine/gotemplate/lexer';

const kinds = (src: string): string[] => lex(src).map((t) => (t.type === 'space' || t.type === 'eof' ? t.type : `${t.type}:${t.value}`));

describe('lex', () => {
  test.each<[string, string, string[]]>([
    ['text only', 'abc', ['text:abc', 'eof']],
    ['a field chain', '{{.A.B}}', ['leftDelim:{{', 'field:.A', 'field:.B', 'rightDelim:}}', 'eof']],
    ['a variable with a field', '{{$x.A}}', ['leftDelim:{{', 'variable:$x', 'field:.A', 'rightDelim:}}', 'eof']],
    ['dot and root variable', '{{. $}}', ['leftDelim:{{', 'dot:.', 'space', 'variable:$', 'rightDelim:}}', 'eof']],
    [
      'declare and pipe',
      '{{$x := f | g}}',
      [
        'leftDelim:{{',
        'variable:$x',
        'space',
        'declare::=',
        'space',
        'identifier:f',
        'space',
        'pipe:|',
        'space',
        'identifier:g',
        'rightDelim:}}',
        'eof',
      ],
    ],
    [
      'keywords, bools and nil',
      '{{if true}}{{nil}}',
      ['leftDelim:{{', 'keyword:if', 'space', 'bool:true', 'rightDelim:}}', 'leftDelim:{{', 'nil:nil', 'rightDelim:}}', 'eof'],
    ],
    [
      'numbers, negative numbers and chars',
      "{{-3 1.5e3 'x'}}",
      ['leftDelim:{{', 'number:-3', 'space', 'number:1.5e3', 'space', "char:'x'", 'rightDelim:}}', 'eof'],
    ],
    [
      'strings and raw strings',
      '{{"a\\"b" `c\nd`}}',
      ['leftDelim:{{', 'string:"a\\"b"', 'space', 'rawString:`c\nd`', 'rightDelim:}}', 'eof'],
    ],
    [
      'a comma between range variables',
      '{{$i, $v}}',
      ['leftDelim:{{', 'variable:$i', 'other:,', 'space', 'variable:$v', 'rightDelim:}}', 'eof'],
    ],
    ['parentheses', '{{(f).X}}', ['leftDelim:{{', 'leftParen:(', 'identifier:f', 'rightParen:)', 'field:.X', 'rightDelim:}}', 'eof']],
  ])('tokenizes %s', (_name, src, expected) => {
    expect(kinds(src)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    [
      'left trim removes trailing whitespace of the text before',
      'a \n\t{{- 1}}',
      ['text:a', 'leftDelim:{{- ', 'number:1', 'rightDelim:}}', 'eof'],
    ],
    [
      'right trim removes leading whitespace of the text after',
      '{{1 -}} \n b',
      ['leftDelim:{{', 'number:1', 'rightDelim:}}', 'text:b', 'eof'],
    ],
    [
      'a minus without a space is a number, not a trim marker',
      'a {{-1}}',
      ['text:a ', 'leftDelim:{{', 'number:-1', 'rightDelim:}}', 'eof'],
    ],
    ['a comment disappears, trims included', 'a {{- /* x */ -}} b', ['text:a', 'text:b', 'eof']],
    [
      'newlines inside an action are spaces',
      '{{ f\n  1 }}',
      ['leftDelim:{{', 'space', 'identifier:f', 'space', 'number:1', 'space', 'rightDelim:}}', 'eof'],
    ],
  ])('%s', (_name, src, expected) => {
    expect(kinds(src)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['{{ 1', 'unclosed action'],
    ['{{ "abc }}', 'unterminated quoted string'],
    ['{{ `abc }}', 'unterminated raw quoted string'],
    ["{{ 'a }}", 'unterminated character constant'],
    ['{{/* x }}', 'unclosed comment'],
    ['{{/* x */ 1 }}', 'comment ends before closing delimiter'],
    ['{{ 3x }}', 'bad number syntax: "3x"'],
    ['{{ .A# }}', "bad character U+0023 '#'"],
    ['{{ ) }}', 'unexpected right paren'],
    ['{{ ( 1 }}', 'unclosed left paren'],
    ['{{ a : b }}', 'expected :='],
  ])('ends with an error token for %j', (src, message) => {
    const last = lex(src).pop();
    expect(last).toMatchObject({ type: 'error', value: message });
  });
});
