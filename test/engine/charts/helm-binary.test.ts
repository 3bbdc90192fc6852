import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HelmNotFoundError, locateHelm } from '../../../src/engine/charts/helm-binary';
import { runProcess } from '../../../src/engine/process/runner';

describe('locateHelm', () => {
  test('prefers HELM_BIN when it is an executable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-bin-'));
    const fake = path.join(dir, 'my-helm');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    try {
      expect(locateHelm({ HELM_BIN: fake, PATH: '' })).toBe(fake);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails with the fix when HELM_BIN is not executable', () => {
    expect(() => locateHelm({ HELM_BIN: '/nonexistent/helm' })).toThrow(HelmNotFoundError);
    expect(() => locateHelm({ HELM_BIN: '/nonexistent/helm' })).toThrow(/set HELM_BIN/i);
  });

  test('takes helm from PATH before the bundled one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-path-'));
    fs.writeFileSync(path.join(dir, 'helm'), '#!/bin/sh\n', { mode: 0o755 });
    try {
      expect(locateHelm({ PATH: dir })).toBe(path.join(dir, 'helm'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  (linuxX64 ? test : test.skip)('falls back to the helm that npm ci brought, and it runs', () => {
    const helm = locateHelm({ PATH: '' });
    expect(helm).toContain(path.join('node_modules', '.cache', 'cdk8s-istio'));
    const version = runProcess(helm, ['version', '--short']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^v\d+\.\d+\.\d+/);
  });
});
