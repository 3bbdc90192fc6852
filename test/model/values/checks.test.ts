import { checkValues, isCidrList, isImageHub, isImageTag, isPortList, isResources, isRevisionName } from '../../../src/model/values/checks';

describe('checkValues', () => {
  test('names the path, the bad value, what is allowed and the fix', () => {
    const errors = checkValues({ a: { b: 'x' } }, [{ path: 'a.b', accepts: (v) => v === 1, expected: 'one', fix: 'set 1' }]);
    expect(errors).toEqual(['values.a.b is "x": must be one; set 1']);
  });

  test('passes unset values', () => {
    expect(checkValues({}, [{ path: 'a.b', accepts: () => false, expected: 'x', fix: 'y' }])).toEqual([]);
  });

  test('a scalar or list where a ruled path needs a map is one error naming that path', () => {
    const rules = [
      { path: 'a.b.c', accepts: () => true, expected: 'x', fix: 'y' },
      { path: 'a.d', accepts: () => true, expected: 'x', fix: 'y' },
    ];
    expect(checkValues({ a: 1 }, rules)).toEqual([
      'values.a is 1: must be a map (the chart reads values.a.b.c from it); give a map (e.g. { b: ... }) or leave it out',
    ]);
    expect(checkValues({ a: { b: ['x'] } }, rules)).toEqual([
      'values.a.b is ["x"]: must be a map (the chart reads values.a.b.c from it); give a map (e.g. { c: ... }) or leave it out',
    ]);
  });

  test('a null where a map was is left alone (helm reads it as unset)', () => {
    expect(checkValues({ a: null }, [{ path: 'a.b', accepts: () => true, expected: 'x', fix: 'y' }])).toEqual([]);
  });
});

describe('value predicates', () => {
  test.each(['docker.io/istio', 'gcr.io/istio-release', 'localhost:5000/istio', 'registry.example/a/b_c'])('accepts hub %s', (hub) => {
    expect(isImageHub(hub)).toBe(true);
  });

  test.each(['https://docker.io/istio', 'docker.io/istio/', 'docker.io/istio:1.30.3', 'Docker.io/istio', '', 5])(
    'rejects hub %p',
    (hub) => {
      expect(isImageHub(hub)).toBe(false);
    },
  );

  test('tags follow the registry grammar', () => {
    expect(isImageTag('1.30.3-distroless')).toBe(true);
    expect(isImageTag('-bad')).toBe(false);
    expect(isImageTag('has space')).toBe(false);
  });

  test('revision names are DNS labels', () => {
    expect(isRevisionName('1-30-3')).toBe(true);
    expect(isRevisionName('')).toBe(true);
    expect(isRevisionName('1.30.3')).toBe(false);
    expect(isRevisionName('Canary')).toBe(false);
  });

  test('resources need quantities under requests or limits', () => {
    expect(isResources({ requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: 2 } })).toBe(true);
    expect(isResources({ requests: { cpu: 'lots' } })).toBe(false);
    expect(isResources({ request: { cpu: '1' } })).toBe(false);
  });

  test('CIDR lists accept * only where allowed', () => {
    expect(isCidrList(true)('*')).toBe(true);
    expect(isCidrList(false)('*')).toBe(false);
    expect(isCidrList(false)('10.0.0.0/8, fd00::/8')).toBe(true);
    expect(isCidrList(false)('10.0.0.0')).toBe(false);
  });

  test('port lists hold ports 1-65535', () => {
    expect(isPortList('80,443')).toBe(true);
    expect(isPortList('0')).toBe(false);
    expect(isPortList('70000')).toBe(false);
  });
});
