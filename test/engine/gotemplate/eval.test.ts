import { render, TemplateError, withParams } from '../../../src/engine/gotemplate';

const funcs = {
  shout: withParams((s: unknown) => `${String(s)}!`, ['string']),
  pad: withParams((n: unknown, s: unknown) => `${' '.repeat(Number(n))}${String(s)}`, ['int', 'string']),
  labels: withParams((m: unknown) => Object.keys(m as object).length, ['map[string]string']),
  join: withParams((...parts: unknown[]) => parts.join('+'), [], 'string'),
  count: () => 2,
};

function failure(src: string, data: unknown = {}): string {
  try {
    render(src, data, { name: 't', funcs });
  } catch (e) {
    if (e instanceof TemplateError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('typed arguments', () => {
  test('pass values that fit their parameters', () => {
    expect(render('{{ shout "a" }} {{ pad 2 "b" }} {{ "c" | shout }} {{ join "x" "y" }} {{ labels nil }}', {}, { funcs })).toBe(
      'a!   b c! x+y 0',
    );
  });

  test.each<[string, string, unknown, string]>([
    ['a number literal', '{{ shout 1 }}', {}, 'template: t:1:9: executing "t" at <1>: expected string; found 1'],
    ['a float literal for an int', '{{ pad 1.5 "x" }}', {}, 'template: t:1:7: executing "t" at <1.5>: expected integer; found 1.5'],
    ['nil for a string', '{{ shout nil }}', {}, 'template: t:1:9: executing "t" at <nil>: cannot assign nil to string'],
    [
      'a field of the wrong type',
      '{{ shout .n }}',
      { n: 1 },
      'template: t:1:9: executing "t" at <.n>: wrong type for value; expected string; got int',
    ],
    ['a missing field', '{{ shout .n }}', {}, 'template: t:1:9: executing "t" at <.n>: invalid value; expected string'],
    ['a piped value', '{{ 1 | shout }}', {}, 'template: t:1:7: executing "t" at <shout>: wrong type for value; expected string; got int'],
    [
      'the result of a nested call, reported where Go stands after it',
      '{{ shout (count) }}',
      {},
      'template: t:1:10: executing "t" at <count>: wrong type for value; expected string; got int',
    ],
    [
      'an untyped map for map[string]string',
      '{{ labels .m }}',
      { m: {} },
      'template: t:1:10: executing "t" at <.m>: wrong type for value; expected map[string]string; got map[string]interface {}',
    ],
    ['a variadic element', '{{ join "a" 2 }}', {}, 'template: t:1:12: executing "t" at <2>: expected string; found 2'],
  ])('fail for %s', (_name, src, data, expected) => {
    expect(failure(src, data)).toBe(expected);
  });

  test('report a failing call at the whole command', () => {
    const boom = withParams(() => {
      throw new Error('boom');
    }, ['string']);
    expect(() => render('{{ boom "x" }}', {}, { name: 't', funcs: { boom } })).toThrow(
      'template: t:1:3: executing "t" at <boom "x">: error calling boom: boom',
    );
  });
});
