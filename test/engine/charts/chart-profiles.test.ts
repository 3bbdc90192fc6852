import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar';
import { chartProfileFiles, selectedProfileLayers } from '../../../src/engine/charts/chart-profiles';
import { chartDigest } from '../../../src/engine/charts/digest';
import { type ResolvedChart } from '../../../src/engine/charts/resolved-chart';
import { FIXTURE_CHARTS, useTempDir } from './test-helpers';

const tmp = useTempDir('chart-profiles-');
const CNI = path.join(FIXTURE_CHARTS, 'istio-cni');

function chart(dir: string): ResolvedChart {
  return { name: 'cni', version: 'test', path: dir, digest: chartDigest(dir), origin: dir };
}

describe('chartProfileFiles', () => {
  test("reads files/profile-*.yaml of a chart folder by name, and nothing else of the chart's", () => {
    const files = chartProfileFiles(chart(CNI));
    expect(files.get('profile-platform-k3s')).toEqual({
      cni: { cniBinDir: '/var/lib/rancher/k3s/data/cni', cniConfDir: '/var/lib/rancher/k3s/agent/etc/cni/net.d' },
    });
    expect([...files.keys()].every((name) => name.startsWith('profile-'))).toBe(true);
  });

  test('reads a packaged chart from its archive', () => {
    const archive = path.join(tmp(), 'cni-1.30.3.tgz');
    tar.c({ gzip: true, file: archive, cwd: FIXTURE_CHARTS, sync: true }, ['istio-cni']);
    const files = chartProfileFiles({ ...chart(CNI), path: archive, digest: `archive-${fs.statSync(archive).size}` });
    expect(files.get('profile-ambient')).toMatchObject({ cni: { ambient: { enabled: true } } });
  });

  test('skips a file that is not YAML (helm fails on that selection itself)', () => {
    const dir = path.join(tmp(), 'broken');
    fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'name: cni\nversion: 1.30.3\n');
    fs.writeFileSync(path.join(dir, 'files', 'profile-bad.yaml'), 'cni: [unclosed\n');
    fs.writeFileSync(path.join(dir, 'files', 'profile-good.yaml'), 'cni:\n  chained: false\n');
    const files = chartProfileFiles(chart(dir));
    expect(files.has('profile-bad')).toBe(false);
    expect(files.get('profile-good')).toEqual({ cni: { chained: false } });
  });
});

describe('selectedProfileLayers', () => {
  test('gives the profile, compatibility version and platform files in the chart order, with what selected each', () => {
    const layers = selectedProfileLayers(chart(CNI), { profile: 'ambient', compatibilityVersion: '1.28', global: { platform: 'k3s' } });
    expect(layers.map((l) => l.label)).toEqual(["profile 'ambient'", "compatibilityVersion '1.28'", "platform 'k3s'"]);
    expect(layers[1].settings).toEqual({ cni: { ambient: { reconcileIptablesOnStartup: false } } });
  });

  test('takes global.profile and a top-level platform as the chart does, and leaves out selections without a file', () => {
    const layers = selectedProfileLayers(chart(CNI), { global: { profile: 'demo', platform: 'gke' }, platform: 'k3s' });
    expect(layers.map((l) => l.label)).toEqual(["profile 'demo'", "platform 'k3s'"]);
    expect(selectedProfileLayers(chart(CNI), { profile: 'nope', compatibilityVersion: 1.28 })).toEqual([]);
    expect(selectedProfileLayers(chart(CNI), {})).toEqual([]);
  });
});
