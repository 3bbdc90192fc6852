import { finding, levelRank, refOf } from '../../../src/engine/analysis/rule';
import { namespace, service } from './fixtures';

describe('rule helpers', () => {
  test('ranks levels info < warning < error', () => {
    expect([levelRank('info'), levelRank('warning'), levelRank('error')]).toEqual([0, 1, 2]);
  });

  test('refers to objects by kind, namespace and name, with their source', () => {
    expect(refOf({ object: service('api', 'shop'), source: { file: 'a.yaml', line: 2 } })).toEqual({
      kind: 'Service',
      namespace: 'shop',
      name: 'api',
      source: { file: 'a.yaml', line: 2 },
    });
    expect(refOf({ object: namespace('shop') })).toEqual({ kind: 'Namespace', name: 'shop' });
  });

  test('builds a finding naming the objects in the given order', () => {
    const f = finding({ code: 'X1', level: 'warning' }, 'm', { object: service('b', 'shop') }, { object: service('a', 'shop') });
    expect(f).toEqual({
      code: 'X1',
      level: 'warning',
      message: 'm',
      objects: [
        { kind: 'Service', namespace: 'shop', name: 'b' },
        { kind: 'Service', namespace: 'shop', name: 'a' },
      ],
    });
  });
});
