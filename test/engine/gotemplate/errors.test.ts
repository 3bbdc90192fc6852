import { SourceMap, TemplateError } from '../../../src/engine/gotemplate/errors';
import { UserError } from '../../../src/errors';

describe('SourceMap', () => {
  const map = new SourceMap('t', 'ab\ncdé\nx');

  test.each<[number, number, number]>([
    [0, 1, 0],
    [2, 1, 2],
    [3, 2, 0],
    [6, 2, 4],
    [7, 3, 0],
  ])('offset %p is line %p, byte column %p', (pos, line, column) => {
    expect([map.line(pos), map.column(pos)]).toEqual([line, column]);
  });

  test("parse errors carry Go's prefix and are user errors", () => {
    const e = map.parseError(4, 'bad thing');
    expect(e).toBeInstanceOf(TemplateError);
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe('template: t:2: bad thing');
  });
});
