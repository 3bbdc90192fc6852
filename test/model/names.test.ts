import {
  annotationMapErrors,
  describeValue,
  dns1123LabelError,
  dns1123SubdomainError,
  labelKeyError,
  labelMapErrors,
  labelValueError,
} from '../../src/model/names';

describe('dns1123LabelError', () => {
  test.each(['default', 'a', 'istio-system', 'ns-1', 'x'.repeat(63)])('accepts %s', (name) => {
    expect(dns1123LabelError(name, 'name')).toBeUndefined();
  });

  test.each([
    ['My_Namespace', "name 'My_Namespace' is not a valid dns-1123 label"],
    ['-lead', 'starting and ending with a letter or digit'],
    ['trail-', 'not a valid dns-1123 label'],
    ['a.b', 'not a valid dns-1123 label'],
    ['', "name '' is not a valid dns-1123 label"],
    ['x'.repeat(64), 'at most 63'],
  ])('rejects %s', (name, message) => {
    expect(dns1123LabelError(name, 'name')).toContain(message);
  });

  test('suggests a valid name in the fix', () => {
    expect(dns1123LabelError('My_Namespace', 'name')).toContain("(e.g. 'my-namespace')");
  });

  test('names the type of a non-string value', () => {
    expect(dns1123LabelError(42, 'name')).toBe('name must be a string, got number 42');
  });
});

describe('dns1123SubdomainError', () => {
  test('accepts dotted names', () => {
    expect(dns1123SubdomainError('a.b-c.d', 'name')).toBeUndefined();
  });

  test('rejects upper case', () => {
    expect(dns1123SubdomainError('Nginx', 'name')).toContain("name 'Nginx' is not a valid dns-1123 subdomain");
  });
});

describe('label keys and values', () => {
  test.each(['app', 'app.kubernetes.io/name', 'sidecar.istio.io/inject', 'A_b.c'])('accepts key %s', (key) => {
    expect(labelKeyError(key, 'label')).toBeUndefined();
  });

  test.each(['/app', 'bad prefix/app', 'app/', '-app', 'x'.repeat(64)])('rejects key %s', (key) => {
    expect(labelKeyError(key, 'label')).toContain('is not a valid label key');
  });

  test.each(['', 'v1', 'a-b_c.d'])('accepts value %s', (value) => {
    expect(labelValueError(value, 'value')).toBeUndefined();
  });

  test.each(['has space', '-x', 'x'.repeat(64)])('rejects value %s', (value) => {
    expect(labelValueError(value, 'value')).toContain('is not a valid label value');
  });

  test('reports every bad entry of a map', () => {
    expect(labelMapErrors({ 'bad key': 'v', ok: 'bad value' }, 'label')).toHaveLength(2);
  });

  test('rejects a map that is not an object', () => {
    expect(labelMapErrors(['a'], 'label')).toEqual(['labels must be an object of string keys and values, got an array']);
  });

  test('annotation values may be any string but must be strings', () => {
    expect(annotationMapErrors({ note: 'free text, with spaces' }, 'annotation')).toEqual([]);
    expect(annotationMapErrors({ note: 1 }, 'annotation')).toEqual(["annotation 'note' value must be a string, got number 1"]);
  });
});

describe('describeValue', () => {
  test.each([
    ['x', "'x'"],
    [1, 'number 1'],
    [true, 'boolean true'],
    [undefined, 'undefined'],
    [null, 'null'],
    [[], 'an array'],
    [{}, 'an object'],
    [new Date(0), 'a Date'],
  ])('shows %p as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});
