import { mergeValues } from '../../../src/model/values/merge';

describe('mergeValues', () => {
  test('merges objects key by key, later layers winning', () => {
    expect(mergeValues({ global: { hub: 'a', tag: '1' } }, { global: { tag: '2' } })).toEqual({ global: { hub: 'a', tag: '2' } });
  });

  test('replaces arrays instead of concatenating them', () => {
    expect(mergeValues({ revisionTags: ['a', 'b'] }, { revisionTags: ['c'] })).toEqual({ revisionTags: ['c'] });
  });

  test('ignores undefined and keeps null (helm reads null as "remove the default")', () => {
    expect(mergeValues({ a: 1, b: 2 }, { a: undefined, b: null })).toEqual({ a: 1, b: null });
  });

  test('does not mutate or share its inputs', () => {
    const first = { global: { proxy: { resources: { requests: { cpu: '1' } } } } };
    const merged = mergeValues(first, { global: { hub: 'x' } }) as typeof first;
    merged.global.proxy.resources.requests.cpu = '2';
    expect(first.global.proxy.resources.requests.cpu).toBe('1');
  });
});
