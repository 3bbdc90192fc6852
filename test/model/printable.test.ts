import { cutEnd, escapeControl, keepEnds, oneLine, shortValue } from '../../src/model/printable';

describe('escapeControl', () => {
  test('escapes line breaks, C0/C1 controls and the Unicode line separators as JSON does; keeps other text', () => {
    expect(escapeControl('a\nb\r\tc\u0007d\u0085e\u2028f')).toBe('a\\nb\\r\\tc\\u0007d\\u0085e\\u2028f');
    expect(escapeControl('plain ünïcode')).toBe('plain ünïcode');
  });
});

describe('shortValue', () => {
  test('cuts a long value and says how long it was', () => {
    expect(shortValue('x'.repeat(1_000_000))).toBe(`${'x'.repeat(80)}... (1000000 characters)`);
    expect(shortValue('short\n')).toBe('short\\n');
  });
});

describe('oneLine', () => {
  test('keeps the start and the end (the fix) of a long message, counting what was cut', () => {
    const message = `name '${'x'.repeat(5000)}' is not valid: use a shorter name`;
    const line = oneLine(message);
    expect(line.length).toBeLessThan(1100);
    expect(line).toMatch(/^name 'x+ \[\.\.\. \d+ characters \.\.\.\] x+' is not valid: use a shorter name$/);
  });

  test('leaves a short message as it is, apart from escapes', () => {
    expect(oneLine('a\nb')).toBe('a\\nb');
  });
});

describe('cutEnd and keepEnds', () => {
  test('cut without escaping, for writers that escape themselves (JSON)', () => {
    expect(cutEnd('a\nbcdef', 3)).toBe('a\nb... (7 characters)');
    expect(keepEnds(`a\n${'x'.repeat(2000)}\nz`, 10)).toBe('a\nxxxx [... 1994 characters ...] xx\nz');
  });

  test('leave text within the maximum as it is', () => {
    expect(cutEnd('abc', 3)).toBe('abc');
    expect(keepEnds('abc', 3)).toBe('abc');
  });
});
