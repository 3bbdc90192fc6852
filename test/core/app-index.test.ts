import { App, Chart } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { completeTree, findInApp, withCompleteTree } from '../../src/core/app-index';

class Marked extends Construct {}
const isMarked = (c: IConstruct): c is Marked => c instanceof Marked;

describe('findInApp', () => {
  test('finds every construct the guard accepts in the whole app, in construct order, from any scope', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const first = new Marked(a, 'first');
    new Construct(a, 'other');
    const second = new Marked(new Chart(app, 'b'), 'second');
    expect(findInApp(second, isMarked)).toEqual([first, second]);
  });

  test('outside a synth every call sees constructs added since the last one', () => {
    const app = new App();
    new Marked(app, 'one');
    expect(findInApp(app, isMarked)).toHaveLength(1);
    new Marked(app, 'two');
    expect(findInApp(app, isMarked)).toHaveLength(2);
  });

  test('inside withCompleteTree one walk serves every lookup with the same guard, and is given to the function', () => {
    const app = new App();
    const one = new Marked(app, 'one');
    const guard = jest.fn(isMarked);
    withCompleteTree(app, (tree) => {
      expect(completeTree(one)).toBe(tree);
      expect(tree.all).toEqual([app, one]);
      findInApp(app, guard as unknown as typeof isMarked);
      const calls = guard.mock.calls.length;
      expect(findInApp(app, guard as unknown as typeof isMarked)).toHaveLength(1);
      expect(guard.mock.calls.length).toBe(calls);
    });
    expect(completeTree(app)).toBeUndefined();
  });

  test('the tree is released even when the function throws', () => {
    const app = new App();
    expect(() =>
      withCompleteTree(app, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(completeTree(app)).toBeUndefined();
  });
});
