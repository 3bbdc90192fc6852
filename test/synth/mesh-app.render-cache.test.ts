// End to end: the control plane is rendered by real helm once; a second synth, in a new process like the next
// `npm run synth`, is served from the render cache and starts no helm process at all.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { locateHelm } from '../../src/engine/charts/helm-binary';
import { readOutputDir } from '../../src/synth/diff';
import { synthInChild } from './child-synth';
import { sampleApp } from './sample-app';

describe('MeshApp with the render cache', () => {
  let root = '';
  let previousHelm: string | undefined;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-app-cache-'));
    previousHelm = process.env.HELM_BIN;
  });
  afterAll(() => {
    if (previousHelm === undefined) delete process.env.HELM_BIN;
    else process.env.HELM_BIN = previousHelm;
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a second synth runs no helm process (counting wrapper around the real helm)', () => {
    const realHelm = locateHelm();
    const log = path.join(root, 'helm-calls.log');
    const wrapper = path.join(root, 'helm');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realHelm}' "$@"\n`, { mode: 0o755 });
    process.env.HELM_BIN = wrapper;
    const options = { renderCacheDir: path.join(root, 'renders'), layout: 'stage-folders' as const, argo: true };
    const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf-8').trim().split('\n') : []);

    sampleApp({ ...options, outdir: path.join(root, 'first') }).synth();
    // base, istiod, istiod canary
    expect(calls()).toHaveLength(3);
    expect(calls().every((c) => c.startsWith('template '))).toBe(true);

    const second = synthInChild({ ...options, outdir: path.join(root, 'second') }, { HELM_BIN: wrapper });
    expect(calls()).toHaveLength(3);
    expect(second).toEqual(readOutputDir(path.join(root, 'first')));
  });
});
