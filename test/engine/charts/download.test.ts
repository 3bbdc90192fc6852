import * as fs from 'fs';
import * as path from 'path';
import { download } from '../../../src/engine/charts/download';
import { closedPort, useTempDir } from './test-helpers';

const tmp = useTempDir('download-test-');

describe('download', () => {
  test('returns the reason and leaves no file when the server cannot be reached', async () => {
    const dest = path.join(tmp(), 'index.yaml');
    const reason = download(`http://127.0.0.1:${await closedPort()}/index.yaml`, dest, 5000);
    expect(reason).toMatch(/ECONNREFUSED/);
    expect(fs.existsSync(dest)).toBe(false);
  });
});
