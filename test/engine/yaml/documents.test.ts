import { parseDocuments, stringifyDocuments, YamlParseError } from '../../../src/engine/yaml/documents';

describe('parseDocuments', () => {
  test('reads every document of a stream with its starting line', () => {
    const docs = parseDocuments('a: 1\n---\nb: 2\nc: 3\n');
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2, c: 3 }]);
    expect(docs.map((d) => d.line)).toEqual([1, 3]);
  });

  test('drops empty documents between separators', () => {
    expect(parseDocuments('---\n---\na: 1\n---\n').map((d) => d.value)).toEqual([{ a: 1 }]);
  });

  test('keeps each document text for byte-for-byte pass-through', () => {
    const docs = parseDocuments('kind: Service  # keep me\n---\nkind: Pod\n');
    expect(docs[0].text).toContain('# keep me');
  });

  test('fails with the source, line and reason of a syntax error', () => {
    const parse = () => parseDocuments('a: 1\n---\nb: [1, 2\nc: 3\n', 'app.yaml');
    expect(parse).toThrow(YamlParseError);
    try {
      parse();
    } catch (e) {
      expect((e as YamlParseError).source).toBe('app.yaml');
      expect((e as YamlParseError).line).toBeGreaterThanOrEqual(3);
    }
  });

  test('fails on an unresolved alias as on a syntax error, with the document line', () => {
    expect(() => parseDocuments('a: 1\n---\nb: *nope\n', 'x.yaml')).toThrow(YamlParseError);
    expect(() => parseDocuments('a: 1\n---\nb: *nope\n', 'x.yaml')).toThrow(/^x\.yaml:3: /);
  });

  test('numbers lines from firstLine, for a piece of a longer stream', () => {
    expect(parseDocuments('a: 1\n---\nb: 2\n', 'x.yaml', 40).map((d) => d.line)).toEqual([40, 42]);
    expect(() => parseDocuments('a: 1\nb: [\n', 'x.yaml', 40)).toThrow(/^x\.yaml:4[1-2]: /);
  });

  test('fails on duplicate keys instead of silently keeping the last', () => {
    expect(() => parseDocuments('a: 1\na: 2\n')).toThrow(/unique|duplicate/i);
  });

  test('reads a repeated key as its last value when asked (helm output, read as Kubernetes reads it)', () => {
    expect(parseDocuments('a: 1\nb: 2\na: 3\n', 'helm', 1, true).map((d) => d.value)).toEqual([{ a: 3, b: 2 }]);
    expect(() => parseDocuments('a: [\n', 'helm', 1, true)).toThrow(YamlParseError);
  });
});

describe('stringifyDocuments', () => {
  test('separates documents and never folds long strings', () => {
    const long = 'x'.repeat(300);
    const text = stringifyDocuments([{ a: long }, { b: 1 }]);
    expect(text).toBe(`a: ${long}\n---\nb: 1\n`);
  });

  test('round-trips what it writes', () => {
    const values = [{ metadata: { labels: { 'sidecar.istio.io/inject': 'true' } }, n: 1 }, { list: ['1', 2, true] }];
    expect(parseDocuments(stringifyDocuments(values)).map((d) => d.value)).toEqual(values);
  });
});
