import { parseAllDocuments } from 'yaml';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { splitYamlStream, splitYamlText, type TextPiece, YamlTooLargeError } from '../../../src/engine/yaml/split';

/** The same text delivered in chunks of `size` characters, as a file read arrives. */
async function inChunks(text: string, size: number, options: Parameters<typeof splitYamlStream>[1]): Promise<TextPiece[]> {
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: TextPiece[] = [];
  for await (const piece of splitYamlStream(chunks(), options)) out.push(piece);
  return out;
}

const STREAM = 'a: 1\n---\nb: 2 # kept\n--- # a comment\n\n---\nc: |\n  ---x\n  text\n---   \r\nd: 4\n--- {e: 5}\nf: 6';

describe('splitYamlText in documents mode (as kubectl reads a stream)', () => {
  test('cuts at --- lines with at most a comment, drops them and blank documents, and keeps the text exact', () => {
    expect(splitYamlText(STREAM, { mode: 'documents' })).toEqual([
      { text: 'a: 1\n', line: 1 },
      { text: 'b: 2 # kept\n', line: 3 },
      { text: 'c: |\n  ---x\n  text\n', line: 7 },
      { text: 'd: 4\n--- {e: 5}\nf: 6', line: 11 },
    ]);
  });

  test('numbers lines from firstLine', () => {
    expect(splitYamlText('---\na: 1\n', { mode: 'documents', firstLine: 10 })).toEqual([{ text: 'a: 1\n', line: 11 }]);
  });

  test.each([1, 2, 3, 7, 1000])('gives the same pieces when the text arrives in chunks of %i characters', async (size) => {
    expect(await inChunks(STREAM, size, { mode: 'documents' })).toEqual(splitYamlText(STREAM, { mode: 'documents' }));
  });

  test('keeps CRLF line endings inside documents', () => {
    expect(splitYamlText('a: 1\r\n---\r\nb: 2\r\n', { mode: 'documents' })).toEqual([
      { text: 'a: 1\r\n', line: 1 },
      { text: 'b: 2\r\n', line: 3 },
    ]);
  });
});

describe('splitYamlText in batches mode', () => {
  const many = Array.from({ length: 50 }, (_, i) => `kind: K\nname: n${i}\n`).join('---\n');

  test('cuts before --- lines once a batch holds batchChars, so every batch parses as the whole stream does', () => {
    const pieces = splitYamlText(many, { mode: 'batches', batchChars: 100 });
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.every((p, i) => i === 0 || p.text.startsWith('---\n'))).toBe(true);
    const values = pieces.flatMap((p) => parseDocuments(p.text, 's', p.line));
    const whole = parseDocuments(many, 's');
    expect(values.map((d) => [d.value, d.line])).toEqual(whole.map((d) => [d.value, d.line]));
  });

  test('also cuts at a --- line that carries content, which starts a document in YAML', () => {
    const text = 'a: 1\n--- {b: 2}\n';
    const pieces = splitYamlText(text, { mode: 'batches', batchChars: 1 });
    expect(pieces).toEqual([
      { text: 'a: 1\n', line: 1 },
      { text: '--- {b: 2}\n', line: 2 },
    ]);
    expect(pieces.flatMap((p) => parseAllDocuments(p.text).map((d) => d.toJS()))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  test('does not cut between a %YAML directive and its document', () => {
    const pieces = splitYamlText('a: 1\n...\n%YAML 1.2\n---\nb: 2\n', { mode: 'batches', batchChars: 1 });
    expect(pieces.map((p) => p.text)).toEqual(['a: 1\n...\n%YAML 1.2\n---\nb: 2\n']);
  });

  test.each([1, 5, 64])('gives the same pieces when the text arrives in chunks of %i characters', async (size) => {
    expect(await inChunks(many, size, { mode: 'batches', batchChars: 100 })).toEqual(
      splitYamlText(many, { mode: 'batches', batchChars: 100 }),
    );
  });
});

describe('the document size cap', () => {
  test('fails with YamlTooLargeError naming the source and the line the document starts on', () => {
    const text = `a: 1\n---\nb: ${'x'.repeat(100)}\n`;
    const split = () => splitYamlText(text, { mode: 'documents', maxDocumentChars: 50, source: 'big.yaml' });
    expect(split).toThrow(YamlTooLargeError);
    expect(split).toThrow(/^big\.yaml:3: /);
  });

  test('stops a line without end as soon as it passes the cap, before the rest arrives', async () => {
    let delivered = 0;
    async function* endless(): AsyncGenerator<string> {
      for (;;) {
        delivered++;
        yield 'x'.repeat(10);
      }
    }
    const read = async () => {
      for await (const _ of splitYamlStream(endless(), { mode: 'batches', maxDocumentChars: 100 })) void _;
    };
    await expect(read()).rejects.toThrow(YamlTooLargeError);
    expect(delivered).toBe(11);
  });

  test('counts per document, not per batch', () => {
    const text = Array.from({ length: 20 }, () => `a: ${'x'.repeat(20)}\n`).join('---\n');
    expect(splitYamlText(text, { mode: 'batches', batchChars: 1000, maxDocumentChars: 40 }).length).toBe(1);
  });
});
