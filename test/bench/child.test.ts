import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { folderBytes, median, timeChild } from '../../bench/child';

test('median of odd and even counts', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 2, 3])).toBe(2.5);
});

test('folderBytes adds the sizes of every file below a folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-child-'));
  try {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a'), 'abc');
    fs.writeFileSync(path.join(dir, 'sub', 'b'), 'de');
    expect(folderBytes(dir)).toBe(5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('timeChild gives the output of a run, and the reason of a failed one', () => {
  const ok = timeChild(process.execPath, ['-e', 'process.stdout.write("hi")'], {}, 30_000);
  expect(ok).toMatchObject({ stdout: 'hi' });
  const failed = timeChild(process.execPath, ['-e', 'console.error("error: bad input"); process.exit(2)'], {}, 30_000);
  expect(failed).toEqual({ failure: 'exit 2: error: bad input' });
});
