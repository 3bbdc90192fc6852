import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { entryKind } from '../../src/engine/fs-kind';

describe('entryKind', () => {
  test('names files, folders, symlinks and devices as messages say them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-kind-'));
    try {
      fs.writeFileSync(path.join(dir, 'f'), '');
      fs.symlinkSync(path.join(dir, 'f'), path.join(dir, 'l'));
      expect(entryKind(fs.lstatSync(path.join(dir, 'f')))).toBe('a file');
      expect(entryKind(fs.lstatSync(dir))).toBe('a folder');
      expect(entryKind(fs.lstatSync(path.join(dir, 'l')))).toBe('a symlink');
      expect(entryKind(fs.statSync('/dev/null'))).toBe('a device');
      const dirent = fs.readdirSync(dir, { withFileTypes: true }).find((e) => e.name === 'l');
      expect(dirent && entryKind(dirent)).toBe('a symlink');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
