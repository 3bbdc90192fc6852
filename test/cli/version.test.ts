import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageVersion } from '../../src/cli/version';
import { runCli } from '../support/cli';

describe('packageVersion', () => {
  test("is this package's version, found from the sources", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
  });

  test('skips package.json files of other packages on the way up, and says unknown when there is none', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'version-'));
    try {
      const inner = path.join(root, 'a', 'b');
      fs.mkdirSync(inner, { recursive: true });
      fs.writeFileSync(path.join(root, 'a', 'package.json'), '{"name":"other","version":"9.9.9"}');
      expect(packageVersion(inner)).toBe('unknown');
      fs.writeFileSync(path.join(root, 'package.json'), '{"name":"cdk8s-istio","version":"1.2.3"}');
      expect(packageVersion(inner)).toBe('1.2.3');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cdk8s-istio --version', () => {
  test('prints the version and exits 0', async () => {
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${packageVersion()}\n`, stderr: '' });
  });
});
