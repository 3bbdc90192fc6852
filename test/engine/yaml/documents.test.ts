import { parseDocuments, stringifyDocuments, YamlParseError } from '../../../src/engine/yaml/documents';
import { MAX_NESTING } from '../../../src/engine/yaml/nesting';

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

describe('parseDocuments on deep nesting', () => {
  const deep = (depth: number) => `a: 1\n---\nkind: ConfigMap\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;

  test('refuses a document nested 100,000 levels deep with its file, line and the fix, not a stack overflow', () => {
    expect(() => parseDocuments(deep(100_000), 'deep.yaml')).toThrow(
      /^deep\.yaml:4: nested deeper than 500 levels: flatten it, or check the tool that generated it$/,
    );
  });

  test('reads a document nested right up to the limit', () => {
    // The root map is one level, the brackets the other 499.
    const [, doc] = parseDocuments(deep(MAX_NESTING - 1));
    expect(doc.value).toMatchObject({ kind: 'ConfigMap' });
  });

  test('still reports a syntax error in an earlier document of the same text first', () => {
    expect(() => parseDocuments(`a: [1\n---\n${deep(1000)}`, 'x.yaml')).toThrow(/^x\.yaml:[12]: (?!nested)/);
  });

  test('refuses aliases that nest the value deeper than the text, in the same words', () => {
    // Each alias puts the previous 300 levels inside 300 more: 900 levels from 300-level lines.
    let text = `a: 1\n---\na0: &a0 ${'['.repeat(300)}${']'.repeat(300)}\n`;
    for (let i = 1; i <= 2; i++) text += `a${i}: &a${i} ${'['.repeat(300)}*a${i - 1}${']'.repeat(300)}\n`;
    expect(() => parseDocuments(text, 'alias.yaml')).toThrow(/^alias\.yaml:3: nested deeper than 500 levels/);
  });

  test('reads aliases that stay within the limit', () => {
    const [doc] = parseDocuments('a: &a [[1]]\nb: [*a, *a]\n');
    expect(doc.value).toEqual({ a: [[1]], b: [[[1]], [[1]]] });
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
