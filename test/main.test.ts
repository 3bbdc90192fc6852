import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartSource } from '../src/engine/charts/chart-source';
import { main } from '../src/main';
import { MeshApp } from '../src/synth/mesh-app';
import { runCli } from './support/cli';

let tmp: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-main-'));
  process.env.ISTIO_CHARTS_DIR = path.join(__dirname, 'fixtures', 'charts');
  process.env.CDK8S_ISTIO_CACHE_DIR = path.join(tmp, 'cache');
  process.env.CDK8S_OUTDIR = path.join(tmp, 'out');
});

afterEach(() => {
  process.env = { ...savedEnv };
  fs.rmSync(tmp, { recursive: true, force: true });
});

function capture(): { write: (s: string) => boolean; text: () => string } {
  let text = '';
  return {
    write: (s: string) => {
      text += s;
      return true;
    },
    text: () => text,
  };
}

describe('main', () => {
  test('writes the example app to CDK8S_OUTDIR and returns 0', () => {
    const stderr = capture();
    expect(main({}, stderr)).toBe(0);
    expect(stderr.text()).toBe('');
    expect(fs.readdirSync(path.join(tmp, 'out')).sort()).toEqual([
      '.cdk8s-istio-output',
      '01-istio-base.k8s.yaml',
      '02-istiod.k8s.yaml',
      '03-workloads.k8s.yaml',
      '04-security.k8s.yaml',
      '05-traffic.k8s.yaml',
      '06-ingress.k8s.yaml',
    ]);
  });

  test('prints a user error without a stack trace, returns 1 and keeps the old output', () => {
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'old.yaml'), 'old\n');
    const chartSources = [
      ChartSource.localDir(fs.mkdtempSync(path.join(tmp, 'empty-'))),
      ChartSource.repository({ url: 'http://127.0.0.1:9', cacheDir: path.join(tmp, 'repo') }),
    ];
    const stderr = capture();
    expect(main({ chartSources }, stderr)).toBe(1);
    expect(stderr.text()).toMatch(
      /^error: synth failed: 3 invalid inputs:\n {2}\[01-istio-base\/IstioBase\] istio chart 'base' version 1\.30\.3 not found/,
    );
    expect(stderr.text()).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(fs.readdirSync(out)).toEqual(['old.yaml']);
  });

  test('refuses, in one line, to replace a CDK8S_OUTDIR holding files synth did not write, and deletes nothing', () => {
    const home = path.join(tmp, 'out');
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'secret');
    const stderr = capture();
    expect(main({}, stderr)).toBe(1);
    expect(stderr.text()).toBe(
      `error: refusing to replace ${fs.realpathSync(home)}: it holds .ssh/id_rsa, which synth did not write; ` +
        'set outdir to a folder of its own, e.g. dist, or move that out of the folder (synth replaces the folder whole)\n',
    );
    expect(fs.readFileSync(path.join(home, '.ssh', 'id_rsa'), 'utf-8')).toBe('secret');
  });

  test('prints a file-system failure a user can fix as one line, wherever it happened, and returns 1', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/cache/x' });
    const synth = jest.spyOn(MeshApp.prototype, 'synth').mockImplementation(() => {
      throw full;
    });
    try {
      const stderr = capture();
      expect(main({}, stderr)).toBe(1);
      expect(stderr.text()).toBe('error: no space left on device writing /cache/x: free space\n');
    } finally {
      synth.mockRestore();
    }
  });

  test('passes on an error that is a bug, with its stack', () => {
    const synth = jest.spyOn(MeshApp.prototype, 'synth').mockImplementation(() => {
      throw new TypeError('a bug');
    });
    try {
      expect(() => main({}, capture())).toThrow(TypeError);
    } finally {
      synth.mockRestore();
    }
  });

  test('writes output that analyze finds nothing wrong with', async () => {
    expect(main({}, capture())).toBe(0);
    const result = await runCli(['analyze', path.join(tmp, 'out'), '--failure-threshold', 'info', '--output', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});
