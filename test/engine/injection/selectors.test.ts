import { selectorMatches } from '../../../src/engine/injection/selectors';

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };

  it.each([
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'db' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    [{}, false],
    ['not a selector', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});
