import { at, list } from './json';

describe('at and list', () => {
  const doc = { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, n: null };

  test('walk keys and indexes', () => {
    expect(at(doc, 'spec', 'containers', 1, 'name')).toBe('b');
    expect(list(doc, 'spec', 'containers').map((c) => c.name)).toEqual(['a', 'b']);
  });

  test('give undefined (or an empty list) where a step is missing', () => {
    expect(at(doc, 'spec', 'volumes', 0)).toBeUndefined();
    expect(at(doc, 'n', 'x')).toBeUndefined();
    expect(list(doc, 'spec', 'volumes')).toEqual([]);
    expect(list(doc, 'spec')).toEqual([]);
  });
});
