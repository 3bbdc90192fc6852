import { checkValues } from '../../../src/model/values/checks';
import { ISTIOD_NAMESPACE, objects, oneOf, RESOURCE_SCOPE, secretNames, stringMap } from '../../../src/model/values/value-rules';

describe('shared value rules', () => {
  test('oneOf names an empty choice as quotes', () => {
    expect(checkValues({ p: 'x' }, [oneOf('p', ['', 'A'])])).toEqual(['values.p is "x": must be one of \'\', A; pick one of them']);
  });

  test('the builders accept what their message asks for and refuse the rest', () => {
    const rules = [
      stringMap('m', 'quote the values'),
      objects('l', 'volumes'),
      secretNames('s'),
      { path: 'ns', ...ISTIOD_NAMESPACE },
      { path: 'scope', ...RESOURCE_SCOPE },
    ];
    expect(checkValues({ m: { a: 'b' }, l: [{}], s: ['x'], ns: 'istio-system', scope: 'cluster' }, rules)).toEqual([]);
    expect(checkValues({ m: { a: 1 }, l: [1], s: [1], ns: 'Istio', scope: 'some' }, rules).map((e) => e.split(' is ')[0])).toEqual([
      'values.m',
      'values.l',
      'values.s',
      'values.ns',
      'values.scope',
    ]);
  });
});
