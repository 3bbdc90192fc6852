import {
  GoPointer,
  GoStruct,
  type GoType,
  markType,
  parseTemplate,
  render,
  SPRIG_FUNCTIONS,
  type StructType,
  TemplateError,
  withArity,
} from '../../../src/engine/gotemplate';
import { MAX_OUTPUT, MAX_STEPS } from '../../../src/engine/gotemplate/limits';

function execError(src: string, data: unknown, funcs = {}): TemplateError {
  try {
    render(src, data, { name: 't', funcs });
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`expected an execution error for ${src}`);
}

class Meta {
  constructor(readonly Name: string) {}
  Upper(suffix: string): string {
    return this.Name.toUpperCase() + suffix;
  }
  Self(): Meta {
    return this;
  }
}

describe('execute', () => {
  test.each<[string, string, unknown, string]>([
    ['prints <no value> for a missing map key', '{{ .a }}', {}, '<no value>'],
    ['prints <no value> for a missing key deep in a chain', '{{ .a.b.c }}', {}, '<no value>'],
    ['prints <no value> for a nil map value', '{{ .a }}', { a: null }, '<no value>'],
    ['prints <nil> for nil inside a list', '{{ .a }}', { a: [null, 1] }, '[<nil> 1]'],
    ['prints <no value> for index of a missing key', '{{ index . "x" }}', {}, '<no value>'],
    [
      'yields the typed zero for index on a typed map',
      '[{{ index .m "x" }}]',
      { m: markType({}, { name: 'map[string]string', zero: '' }) },
      '[]',
    ],
    ['ranges over a missing value as empty', '{{ range .x }}a{{ else }}none{{ end }}', {}, 'none'],
    ['runs range else only when nothing was iterated', '{{ range .l }}{{ break }}{{ else }}none{{ end }}', { l: [1] }, ''],
    ['treats an empty map as false', '{{ if .m }}y{{ else }}n{{ end }}', { m: {} }, 'n'],
    ['treats a struct as true', '{{ if .m }}y{{ else }}n{{ end }}', { m: new Meta('') }, 'y'],
    ['prints a struct as its field values', '{{ .m }}', { m: new Meta('app') }, '{app}'],
    ['reads struct fields', '{{ .m.Name }}', { m: new Meta('app') }, 'app'],
    ['calls struct methods with arguments', '{{ .m.Upper "-x" }}', { m: new Meta('app') }, 'APP-x'],
    ['calls a method in the middle of a chain', '{{ .m.Self.Name }}', { m: new Meta('app') }, 'app'],
    ["passes the pipeline value as a method's last argument", '{{ "!" | .m.Upper }}', { m: new Meta('a') }, 'A!'],
    ['prints a Stringer through String()', '{{ . }}', { String: () => 'custom' }, 'custom'],
    ['assigns to an outer variable from a range body', '{{ $n := 0 }}{{ range .l }}{{ $n = . }}{{ end }}{{ $n }}', { l: [1, 2] }, '2'],
    ['scopes variables declared in an if pipeline to the if', '{{ $x := 1 }}{{ if $x := 2 }}{{ $x }}{{ end }}{{ $x }}', {}, '21'],
    ['starts a called template with only $', '{{ define "t" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "t" 5 }}', {}, '5'],
    [
      'assigns range variables with =',
      '{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .l }}{{ end }}{{ $i }}{{ $v }}',
      { l: ['a', 'b'] },
      '1b',
    ],
    ['gives a single range variable the element', '{{ range $v := .l }}{{ $v }}{{ end }}', { l: ['a', 'b'] }, 'ab'],
    ['iterates map values in key order', '{{ range . }}{{ . }}{{ end }}', { b: 2, a: 1, c: 3 }, '123'],
    ['stops evaluating and at the first false argument', '{{ and 0 (fail) }}', {}, '0'],
    ['stops evaluating or at the first true argument', '{{ or 1 (fail) }}', {}, '1'],
    ['takes the pipeline value as the last argument', '{{ "b" | printf "%s-%s" "a" }}', {}, 'a-b'],
    ['executes a block default when not redefined', '{{ block "b" . }}[{{ .x }}]{{ end }}', { x: 1 }, '[1]'],
  ])('%s', (_name, src, data, expected) => {
    const funcs = {
      fail: () => {
        throw new Error('evaluated');
      },
    };
    expect(render(src, data, { funcs })).toBe(expected);
  });

  test('lets user functions override builtins', () => {
    expect(render('{{ len "abc" }}', {}, { funcs: { len: () => 'override' } })).toBe('override');
  });

  test('does not short-circuit a user-supplied and', () => {
    const and = (...args: unknown[]) => args.length;
    expect(render('{{ and 0 1 2 }}', {}, { funcs: { and } })).toBe('3');
  });

  test.each<[string, string, unknown, string]>([
    ['a field on nil', '{{ .a.b }}', { a: null }, 'template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b'],
    [
      'a field on a string',
      '{{ .a.b }}',
      { a: 's' },
      'template: t:1:5: executing "t" at <.a.b>: can\'t evaluate field b in type interface {}',
    ],
    [
      'a field on a list',
      '{{ .a.b }}',
      { a: [] },
      'template: t:1:5: executing "t" at <.a.b>: can\'t evaluate field b in type interface {}',
    ],
    [
      'a missing struct field',
      '{{ .m.Nope }}',
      { m: new Meta('x') },
      'template: t:1:5: executing "t" at <.m.Nope>: can\'t evaluate field Nope in type interface {}',
    ],
    ['arguments to a map field', '{{ .a 1 }}', { a: 1 }, 'template: t:1:3: executing "t" at <.a>: a is not a method but has arguments'],
    ['arguments to a non-function', '{{ 1 2 }}', {}, 'template: t:1:3: executing "t" at <1>: can\'t give argument to non-function 1'],
    ['nil as a command', '{{ nil }}', {}, 'template: t:1:3: executing "t" at <nil>: nil is not a command'],
    ['too few arguments', '{{ not }}', {}, 'template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 0'],
    ['too many arguments', '{{ lt 1 2 3 }}', {}, 'template: t:1:3: executing "t" at <lt>: wrong number of args for lt: want 2 got 3'],
    [
      'and without arguments',
      '{{ and }}',
      {},
      'template: t:1:3: executing "t" at <and>: wrong number of args for and: want at least 1 got 0',
    ],
    [
      'a failing function',
      '{{ index .l 5 }}',
      { l: [1] },
      'template: t:1:3: executing "t" at <index .l 5>: error calling index: index out of range: 5',
    ],
    [
      'index of nothing',
      '{{ index .x "a" }}',
      {},
      'template: t:1:3: executing "t" at <index .x "a">: error calling index: index of untyped nil',
    ],
    [
      'comparing different types',
      '{{ eq 1 "1" }}',
      {},
      'template: t:1:3: executing "t" at <eq 1 "1">: error calling eq: incompatible types for comparison: int and string',
    ],
    [
      'an undefined template',
      '{{ template "nope" }}',
      {},
      'template: t:1:12: executing "t" at <{{template "nope"}}>: template "nope" not defined',
    ],
    [
      'ranging over a string',
      '{{ range .s }}{{ end }}',
      { s: 'ab' },
      'template: t:1:9: executing "t" at <.s>: range can\'t iterate over ab',
    ],
    [
      'ranging two variables over an int',
      '{{ range $i, $v := 3 }}{{ end }}',
      {},
      'template: t:1:19: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    ],
    [
      'endless template recursion',
      '{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}',
      {},
      'exceeded maximum template depth (1000)',
    ],
    ['a long node in the context, whole', '{{ .abcdefghij.klmnopqrstu.v }}', { abcdefghij: 'x' }, 'at <.abcdefghij.klmnopqrstu.v>'],
  ])('fails on %s', (_name, src, data, message) => {
    expect(execError(src, data).message).toContain(message);
  });

  test('names the defined template and its line in errors raised inside it', () => {
    const e = execError('{{ define "inner" }}\n  {{ .x.y }}{{ end }}{{ template "inner" .a }}', { a: { x: 1 } });
    expect(e.message).toBe('template: t:2:7: executing "inner" at <.x.y>: can\'t evaluate field y in type interface {}');
    expect([e.templateName, e.line]).toEqual(['t', 2]);
  });

  test('reports errors thrown by user functions with their name', () => {
    const boom = withArity(() => {
      throw new Error('boom');
    }, 0);
    expect(execError('{{ boom }}', {}, { boom }).message).toBe('template: t:1:3: executing "t" at <boom>: error calling boom: boom');
  });

  test('checks the declared arity of user functions', () => {
    const two = withArity((a: unknown, b: unknown) => `${a}${b}`, 2);
    expect(execError('{{ two 1 }}', {}, { two }).reason).toBe('wrong number of args for two: want 2 got 1');
  });

  test('runs a parsed template many times with different data', () => {
    const t = parseTemplate('{{ .n }}', { name: 'reused' });
    expect([t.execute({ n: 1 }), t.execute({ n: 2 })]).toEqual(['1', '2']);
  });

  test('runs a named template of the set', () => {
    const t = parseTemplate('{{ define "part" }}<{{ . }}>{{ end }}main');
    expect(t.execute('x', 'part')).toBe('<x>');
  });

  test('fails to run a template that is not in the set', () => {
    expect(() => parseTemplate('x', { name: 'main' }).execute({}, 'nope')).toThrow(
      'template: no template "nope" associated with template "main"',
    );
  });
});

describe('bounds', () => {
  const sprig = (src: string): string => render(src, {}, { name: 't', funcs: SPRIG_FUNCTIONS });

  test('stops a range that would run for hours', () => {
    expect(() => sprig('{{ range 1000000000000 }}x{{ end }}')).toThrow(`execution took more than ${MAX_STEPS} steps`);
  });

  test('stops output beyond the limit', () => {
    expect(() => sprig('{{ range until 100000 }}{{ repeat 1000 "x" }}{{ end }}')).toThrow(
      `template output exceeds the limit of ${MAX_OUTPUT} characters`,
    );
  });

  test('stops endless template recursion', () => {
    expect(() => sprig('{{ define "x" }}{{ template "x" }}{{ end }}{{ template "x" }}')).toThrow(
      'template: t:1:28: executing "x" at <{{template "x"}}>: exceeded maximum template depth (1000)',
    );
  });

  test('fails with one line when nesting is deeper than the interpreter can follow', () => {
    const deep = `{{ ${'('.repeat(100_000)}1${')'.repeat(100_000)} }}`;
    expect(() => sprig(deep)).toThrow(TemplateError);
    expect(() => sprig(deep)).toThrow(/^template: t: actions, values or template calls nest too deeply/);
  });

  test('fails with one line when printing a value that contains itself', () => {
    expect(() => sprig('{{ $d := dict }}{{ $_ := set $d "self" $d }}{{ $d }}')).toThrow(TemplateError);
  });

  test('refuses a list longer than one execution may step through', () => {
    expect(() => sprig('{{ len (until 100000000) }}')).toThrow('until of 100000000 elements exceeds the limit');
  });
});

describe('Go-typed data', () => {
  const STRING: GoType = { kind: 'basic', name: 'string', zero: '' };
  const PORT: StructType = {
    name: 'intstr.IntOrString',
    fields: [
      { name: 'IntVal', type: { kind: 'basic', name: 'int32', zero: 0 }, json: 'i', omitEmpty: false, omitZero: false, embedded: false },
      { name: 'StrVal', type: STRING, json: 's', omitEmpty: false, omitZero: false, embedded: false },
    ],
    stringer: { pointerReceiver: true, call: (s) => String(s.values[0]) },
  };
  const ACTION: StructType = {
    name: 'v1.HTTPGetAction',
    fields: [
      { name: 'Path', type: STRING, json: 'path', omitEmpty: true, omitZero: false, embedded: false },
      { name: 'Port', type: { kind: 'struct', struct: PORT }, json: 'port', omitEmpty: false, omitZero: false, embedded: false },
    ],
  };
  const PTR: GoType & { kind: 'ptr' } = { kind: 'ptr', elem: { kind: 'struct', struct: ACTION } };
  const action = new GoStruct(ACTION, ['/ready', new GoStruct(PORT, [8080, ''])]);
  const data = { set: new GoPointer(PTR, action), unset: new GoPointer(PTR, undefined) };

  test.each<[string, string, string]>([
    ['prints a nil pointer as <nil>', '{{ .unset }}', '<nil>'],
    ['treats a nil pointer as false and a set one as true', '{{ if .unset }}a{{ else }}b{{ end }}{{ if .set }}c{{ end }}', 'bc'],
    ['prints a struct reached through a pointer without the &', '{{ .set }}', '{/ready {8080 }}'],
    ['prints a field through its String method, its address being taken', '{{ .set.Port }}', '8080'],
    ['names struct and pointer types', '{{ printf "%T %T" .set .set.Port }}', '*v1.HTTPGetAction intstr.IntOrString'],
  ])('%s', (_name, src, expected) => {
    expect(render(src, data)).toBe(expected);
  });

  test.each<[string, string]>([
    // Read from a map, the pointer sits in an interface{} slot, which Go names.
    ['{{ .unset.Path }}', 'nil pointer evaluating interface {}.Path'],
    ['{{ .set.Nope }}', "can't evaluate field Nope in type interface {}"],
    ['{{ with .set }}{{ .Nope }}{{ end }}', "can't evaluate field Nope in type *v1.HTTPGetAction"],
    ['{{ .set.Port.Nope }}', "can't evaluate field Nope in type intstr.IntOrString"],
  ])('fails on %s as Go does', (src, reason) => {
    expect(execError(src, data).reason).toBe(reason);
  });
});
