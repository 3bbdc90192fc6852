import { labelSelectorKeys, labelSelectorMatches } from '../../src/model/label-selector';

describe('labelSelectorMatches', () => {
  const labels = { a: '1', b: '2' };

  test('an absent selector selects everything', () => {
    expect(labelSelectorMatches(undefined, labels)).toBe(true);
  });

  test.each([
    [{ matchLabels: { a: '1' } }, true],
    [{ matchLabels: { a: '2' } }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, false],
    [{ matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['1'] }] }, true],
    [{ matchExpressions: [{ key: 'b', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'b', operator: 'Sometimes' }] }, false],
  ])('%j -> %s', (selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });
});

describe('labelSelectorKeys', () => {
  test('names the keys of matchLabels and matchExpressions, none for an absent selector', () => {
    expect(labelSelectorKeys({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] })).toEqual(['a', 'b']);
    expect(labelSelectorKeys(undefined)).toEqual([]);
  });
});
