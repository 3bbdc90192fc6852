import { UserError } from '../../src/errors';
import { assertShapes, shapeProblem } from '../../src/model/prop-shapes';

describe('shapeProblem', () => {
  test('names the prop, the wanted shape and what came instead', () => {
    expect(shapeProblem(5, 'array', 'ports')).toBe('ports must be a list, got number 5');
    expect(shapeProblem(['a', 5], 'string array', 'hosts')).toBe('hosts must be a list of strings, got a list with other items');
    expect(shapeProblem([null], 'object array', 'listeners')).toBe('listeners must be a list of objects, got a list with other items');
    expect(shapeProblem({ exact: 'x' }, 'built', 'header')).toMatch(/^header must be made by its class \(e\.g\. StringMatch\.exact/);
  });

  test('accepts the right shape, and undefined when optional', () => {
    expect(shapeProblem(['a'], 'string array', 'hosts')).toBeUndefined();
    expect(shapeProblem(undefined, 'object array', 'endpoints', true)).toBeUndefined();
    expect(shapeProblem(undefined, 'object array', 'endpoints')).toBe('endpoints must be a list of objects, got undefined');
    expect(shapeProblem({ toSpec: () => ({}) }, 'built', 'filter')).toBeUndefined();
  });
});

describe('assertShapes', () => {
  test('throws one UserError naming the path and every problem; nothing when all fit', () => {
    expect(() =>
      assertShapes('app/se', [undefined, 'ports must be a list, got number 5', 'hosts must be a list of strings, got null']),
    ).toThrow(
      new UserError(
        '[app/se] ports must be a list, got number 5; hosts must be a list of strings, got null: pass props of the documented types',
      ),
    );
    expect(() => assertShapes('app/se', [undefined])).not.toThrow();
  });
});
