import * as fs from 'fs';
import * as path from 'path';
import { clearRenderCache, helmIdentity, readRenderCache, renderKey, writeRenderCache } from '../../../src/engine/charts/render-cache';
import { useTempDir } from './test-helpers';

const tmp = useTempDir('render-cache-test-');
const parts = {
  chartDigest: 'abc',
  values: { a: 1, b: { c: [1, 2] } },
  release: 'istiod',
  namespace: 'istio-system',
  helm: '/bin/helm:1:2',
};

describe('renderKey', () => {
  test('does not depend on the key order of the values', () => {
    expect(renderKey(parts)).toBe(renderKey({ ...parts, values: { b: { c: [1, 2] }, a: 1 } }));
  });

  test.each([
    ['chart', { chartDigest: 'abd' }],
    ['values', { values: { a: 2, b: { c: [1, 2] } } }],
    ['array order', { values: { a: 1, b: { c: [2, 1] } } }],
    ['release', { release: 'istiod-2' }],
    ['namespace', { namespace: 'mesh' }],
    ['helm binary', { helm: '/bin/helm:1:3' }],
  ])('changes with the %s', (_what, change) => {
    expect(renderKey({ ...parts, ...change })).not.toBe(renderKey(parts));
  });
});

describe('stored renders', () => {
  test('are read back by key and gone after clearRenderCache', () => {
    const dir = path.join(tmp(), 'renders');
    const render = { documents: [{ kind: 'A' }], templates: ['templates/a.yaml'] };
    writeRenderCache(dir, 'k1', render);
    expect(readRenderCache(dir, 'k1')).toEqual(render);
    expect(readRenderCache(dir, 'k2')).toBeUndefined();
    clearRenderCache(dir);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('a damaged entry', () => {
  test('reads as missing, so the chart is rendered again', () => {
    const dir = path.join(tmp(), 'renders');
    writeRenderCache(dir, 'k1', { documents: [{ kind: 'A' }], templates: ['templates/a.yaml'] });
    fs.writeFileSync(path.join(dir, 'k1.json'), '[{"kind": "A"');
    expect(readRenderCache(dir, 'k1')).toBeUndefined();
  });

  test.each([
    ['an entry of the format before templates were stored', '[{"kind": "A"}]'],
    ['a template list that does not match the documents', '{"documents": [{"kind": "A"}], "templates": []}'],
    ['a template that is not a string', '{"documents": [{"kind": "A"}], "templates": [1]}'],
  ])('reads %s as missing', (_what, text) => {
    const dir = path.join(tmp(), 'renders');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'k1.json'), text);
    expect(readRenderCache(dir, 'k1')).toBeUndefined();
  });
});

describe('helmIdentity', () => {
  test('changes when the binary is replaced', () => {
    const file = path.join(tmp(), 'helm');
    fs.writeFileSync(file, 'v1');
    const before = helmIdentity(file);
    fs.writeFileSync(file, 'v2-longer');
    expect(helmIdentity(file)).not.toBe(before);
  });
});
