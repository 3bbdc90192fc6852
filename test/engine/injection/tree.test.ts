import { parseDocuments } from '../../../src/engine/yaml/documents';
import { lookup, mergeMessage, mergeValues } from '../../../src/engine/injection/tree';

describe('mergeValues', () => {
  test('merges maps, replaces lists and deletes keys set to null, as Helm values files do', () => {
    const base = { global: { proxy: { logLevel: 'warning', resources: { limits: { cpu: '2' } } }, list: [1, 2] } };
    mergeValues(base, { global: { proxy: { logLevel: 'debug', resources: { limits: { cpu: null } } }, list: [3] } });
    expect(base).toEqual({ global: { proxy: { logLevel: 'debug', resources: { limits: {} } }, list: [3] } });
  });

  test('ignores a __proto__ key from a values file instead of replacing the prototype', () => {
    const overlay = parseDocuments('__proto__:\n  polluted: true\nglobal:\n  tag: x\n')[0].value as Record<string, unknown>;
    const base: Record<string, unknown> = {};
    mergeValues(base, overlay);
    expect(Object.getPrototypeOf(base)).toBe(Object.prototype);
    expect(base.polluted).toBeUndefined();
    expect(lookup(base, 'global.tag')).toBe('x');
  });
});

describe('mergeMessage', () => {
  test('keeps null values, and an empty message leaves the fields it merges into', () => {
    const base: Record<string, unknown> = { defaultConfig: { tracing: { zipkin: { address: 'z' } } } };
    mergeMessage(base, { defaultConfig: { tracing: {} }, extra: null });
    expect(base).toEqual({ defaultConfig: { tracing: { zipkin: { address: 'z' } } }, extra: null });
  });
});
