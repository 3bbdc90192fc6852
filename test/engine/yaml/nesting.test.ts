import { Parser } from 'yaml';
import { MAX_NESTING, tokenNesting, valueTooDeep } from '../../../src/engine/yaml/nesting';

/** The first document token of `text`. */
function documentToken(text: string) {
  const token = [...new Parser().parse(text)].find((t) => t.type === 'document');
  if (!token) throw new Error('no document');
  return token;
}

const blockMaps = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}a:\n`).join('') + `${'  '.repeat(depth)}x\n`;
const flowSeqs = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}\n`;
const tooDeepAt = (text: string, limit?: number) => tokenNesting(documentToken(text), limit).tooDeepAt;

describe('tokenNesting', () => {
  test('accepts a document nested exactly to the limit, in block and flow style', () => {
    expect(tooDeepAt(blockMaps(MAX_NESTING))).toBeUndefined();
    expect(tooDeepAt(flowSeqs(MAX_NESTING))).toBeUndefined();
  });

  test('gives the offset of the collection one level past the limit', () => {
    const text = blockMaps(12);
    // The root map is depth 1, so the map starting at the 4th `a:` is depth 4.
    expect(tooDeepAt(text, 3)).toBe(text.indexOf('      a:') + 6);
    expect(tooDeepAt(flowSeqs(5), 4)).toBe(4);
  });

  test('names the first too-deep collection in reading order when several are', () => {
    const text = 'first: [[[1]]]\nsecond: [[[2]]]\n';
    // The root map is depth 1, so the third `[` of each key is depth 4.
    expect(tooDeepAt(text, 3)).toBe(text.indexOf('[[1') + 1);
  });

  test('counts complex keys as nesting', () => {
    expect(tooDeepAt('? [[[a]]]\n: 1\n', 3)).toBe(4);
  });

  test('walks 100,000 levels without overflowing the call stack', () => {
    expect(tooDeepAt(flowSeqs(100_000))).toBe(MAX_NESTING);
  });

  test('ignores scalars and comments, whatever their length', () => {
    expect(tooDeepAt(`# ${'['.repeat(10_000)}\na: "${'['.repeat(10_000)}"\n`, 1)).toBeUndefined();
  });

  test('says when a document holds an alias, and only then', () => {
    expect(tokenNesting(documentToken('a: &x [1]\nb: [*x]\n')).hasAliases).toBe(true);
    expect(tokenNesting(documentToken('a: &x [1]\nb: "*x"\n')).hasAliases).toBe(false);
  });
});

describe('valueTooDeep', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  test('counts objects and arrays, not scalars', () => {
    expect(valueTooDeep(nested(3), 3)).toBe(false);
    expect(valueTooDeep(nested(4), 3)).toBe(true);
    expect(valueTooDeep('x'.repeat(1000), 0)).toBe(false);
  });

  test('walks 100,000 levels without overflowing the call stack', () => {
    expect(valueTooDeep(nested(100_000))).toBe(true);
  });
});
