import { UserError } from '../../../src/errors';
import { setPath } from '../../../src/engine/injection/set-path';

function applied(...assignments: string[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const a of assignments) setPath(tree, a);
  return tree;
}

describe('setPath', () => {
  test('creates nested maps along a dotted path', () => {
    expect(applied('global.proxy.logLevel=debug')).toEqual({ global: { proxy: { logLevel: 'debug' } } });
  });

  test('types integers, floats and booleans, and leaves other text as strings', () => {
    const tree = applied('a.int=123', 'a.neg=-4', 'a.float=1.5', 'a.exp=1e3', 'a.yes=true', 'a.no=FALSE', 'a.text=debug', 'a.empty=');
    expect(tree).toEqual({ a: { int: 123, neg: -4, float: 1.5, exp: 1000, yes: true, no: false, text: 'debug', empty: '' } });
  });

  test('does not split a value at commas', () => {
    expect(applied('global.proxy.excludeInboundPorts=4,5,6')).toEqual({ global: { proxy: { excludeInboundPorts: '4,5,6' } } });
    expect(applied('x=a\\,b')).toEqual({ x: 'a,b' });
  });

  test('splits at the first "=" only', () => {
    expect(applied('a.b=c=d')).toEqual({ a: { b: 'c=d' } });
  });

  test('keeps numbers with a leading zero, huge integers and single letters as strings', () => {
    expect(applied('a=0755', 'b=12345678901234567890', 'c=t', 'd=1.')).toEqual({ a: '0755', b: '12345678901234567890', c: 't', d: '1.' });
  });

  test('keeps image tags and proxy metadata as strings', () => {
    const tree = applied('global.tag=1.30', 'meshConfig.defaultConfig.proxyMetadata.LIMIT=10', 'global.other=1.30');
    expect(tree).toEqual({ global: { tag: '1.30', other: 1.3 }, meshConfig: { defaultConfig: { proxyMetadata: { LIMIT: '10' } } } });
  });

  test('null removes the key, as in helm', () => {
    const tree: Record<string, unknown> = { global: { proxy: { resources: { limits: { cpu: '2000m', memory: '1Gi' } } } } };
    setPath(tree, 'global.proxy.resources.limits.cpu=null');
    expect(tree).toEqual({ global: { proxy: { resources: { limits: { memory: '1Gi' } } } } });
  });

  test('replaces a scalar on the way with a map', () => {
    expect(applied('a=1', 'a.b=2')).toEqual({ a: { b: 2 } });
  });

  test('addresses list elements with [n] and pads with nulls', () => {
    expect(applied('list[1].name=x', 'list[0]=y')).toEqual({ list: ['y', { name: 'x' }] });
  });

  test('reads an escaped dot as part of the key', () => {
    expect(applied('podAnnotations.sidecar\\.istio\\.io/inject=false')).toEqual({ podAnnotations: { 'sidecar.istio.io/inject': false } });
  });

  test('never changes nested maps shared with the caller', () => {
    const defaults = { proxy: { logLevel: 'warning' } };
    const tree: Record<string, unknown> = { global: defaults };
    setPath(tree, 'global.proxy.logLevel=debug');
    expect(defaults.proxy.logLevel).toBe('warning');
    expect(tree).toEqual({ global: { proxy: { logLevel: 'debug' } } });
  });

  test.each([
    ['global=1', 'global'],
    ['global.proxy=x', 'global.proxy'],
    ['global.proxy=[]', 'global.proxy'],
  ])('refuses "%s": a value would replace the map %s the templates read key by key', (assignment, key) => {
    const tree: Record<string, unknown> = { global: { hub: 'h', proxy: { image: 'proxyv2' } } };
    const run = () => setPath(tree, assignment);
    expect(run).toThrow(UserError);
    expect(run).toThrow(`--set "${assignment}": ${key} is a map of settings in the values`);
    expect(tree).toEqual({ global: { hub: 'h', proxy: { image: 'proxyv2' } } });
  });

  test('still lets null remove a map and a scalar replace a scalar', () => {
    const tree: Record<string, unknown> = { global: { hub: 'h', proxy: { resources: { limits: {} } } } };
    setPath(tree, 'global.proxy.resources=null');
    setPath(tree, 'global.hub=other');
    expect(tree).toEqual({ global: { hub: 'other', proxy: {} } });
  });

  test.each([
    ['global.proxy.logLevel', /has no "="/],
    ['=debug', /empty path/],
    ['a..b=1', /path segment "" is empty/],
    ['a.=1', /path segment "" is empty/],
    ['a[x]=1', /list index \[x\]/],
    ['a[70000]=1', /list index \[70000\]/],
    ['__proto__.polluted=1', /__proto__/],
  ])('fails with a UserError naming "%s"', (assignment, message) => {
    const run = () => setPath({}, assignment);
    expect(run).toThrow(UserError);
    expect(run).toThrow(message);
    expect(run).toThrow(assignment);
  });
});
