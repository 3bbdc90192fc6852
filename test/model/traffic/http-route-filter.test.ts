import { HttpRouteFilter, PathModifier } from '../../../src/model/traffic/http-route-filter';

describe('HttpRouteFilter', () => {
  test('header modifiers list set, add and remove', () => {
    expect(HttpRouteFilter.requestHeaders({ set: { a: '1' }, add: { b: '2' }, remove: ['c'] }).toSpec()).toEqual({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: [{ name: 'a', value: '1' }], add: [{ name: 'b', value: '2' }], remove: ['c'] },
    });
    expect(HttpRouteFilter.responseHeaders({ remove: ['server'] }).type).toBe('ResponseHeaderModifier');
    expect(() => HttpRouteFilter.requestHeaders({})).toThrow(/header filter changes nothing/);
  });

  test('redirect, rewrite and mirror', () => {
    expect(HttpRouteFilter.redirect({ scheme: 'https', path: PathModifier.fullPath('/x'), statusCode: 301 }).toSpec()).toEqual({
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'https', statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } },
    });
    expect(HttpRouteFilter.rewrite({ hostname: 'x' }).toSpec()).toEqual({ type: 'URLRewrite', urlRewrite: { hostname: 'x' } });
    expect(() => HttpRouteFilter.rewrite({})).toThrow(/rewrite\(\) changes nothing/);
    expect(HttpRouteFilter.mirror({ name: 's', port: 80 }, { percent: 5 }).toSpec()).toEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 's', port: 80 }, percent: 5 },
    });
  });

  test('PathModifier wants absolute paths', () => {
    expect(PathModifier.prefix('/v2').toSpec()).toEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' });
    expect(() => PathModifier.fullPath('v2')).toThrow(/path 'v2' is not absolute/);
  });
});
