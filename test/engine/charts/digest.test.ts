import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chartDigest, fileDigest, folderStamp } from '../../../src/engine/charts/digest';
import { UserError } from '../../../src/errors';
import { useTempDir } from './test-helpers';

const tmp = useTempDir('digest-test-');

function chart(files: Record<string, string>): string {
  const dir = path.join(tmp(), `chart-${Math.random().toString(36).slice(2)}`);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

describe('chartDigest', () => {
  test('is the same for the same content in another folder', () => {
    expect(chartDigest(chart({ 'Chart.yaml': 'a', 'templates/x.yaml': 'b' }))).toBe(
      chartDigest(chart({ 'templates/x.yaml': 'b', 'Chart.yaml': 'a' })),
    );
  });

  test('changes when a file in a sub folder changes', () => {
    expect(chartDigest(chart({ 'templates/x.yaml': 'b' }))).not.toBe(chartDigest(chart({ 'templates/x.yaml': 'c' })));
  });

  test('changes when a file is renamed', () => {
    expect(chartDigest(chart({ 'templates/x.yaml': 'b' }))).not.toBe(chartDigest(chart({ 'templates/y.yaml': 'b' })));
  });

  test('is the sha256 of the archive for a packaged chart', () => {
    const file = path.join(tmp(), 'c.tgz');
    fs.writeFileSync(file, 'archive');
    expect(fileDigest(file)).toBe('0eb3e36bfb24dcd9bb1d1bece1531216b59539a8fde17ee80224af0653c92aa3');
    expect(chartDigest(file)).toBe(fileDigest(file));
  });
});

describe('folderStamp', () => {
  test('stays the same while no file changes', () => {
    const dir = chart({ 'Chart.yaml': 'a', 'templates/x.yaml': 'b' });
    expect(folderStamp(dir)).toBe(folderStamp(dir));
  });

  test('changes when a file is written, added or renamed', () => {
    const dir = chart({ 'templates/x.yaml': 'b' });
    const stamps = [folderStamp(dir)];
    fs.writeFileSync(path.join(dir, 'templates/x.yaml'), 'c');
    stamps.push(folderStamp(dir));
    fs.writeFileSync(path.join(dir, 'templates/y.yaml'), 'c');
    stamps.push(folderStamp(dir));
    fs.renameSync(path.join(dir, 'templates/y.yaml'), path.join(dir, 'templates/z.yaml'));
    stamps.push(folderStamp(dir));
    expect(new Set(stamps).size).toBe(4);
  });
});

describe('files that are not regular files', () => {
  test('a FIFO in a chart folder is refused by chartDigest and folderStamp without being opened', () => {
    const dir = chart({ 'Chart.yaml': 'a' });
    expect(spawnSync('mkfifo', [path.join(dir, 'values.yaml')]).status).toBe(0);
    // Opening the FIFO would block the test until its timeout: a result at all shows it was never opened.
    expect(() => chartDigest(dir)).toThrow(UserError);
    expect(() => chartDigest(dir)).toThrow(`chart folder ${dir}: values.yaml is a FIFO (named pipe)`);
    expect(() => folderStamp(dir)).toThrow(`chart folder ${dir}: values.yaml is a FIFO (named pipe)`);
  });

  test('a FIFO in place of a packaged chart is refused', () => {
    const file = path.join(tmp(), 'c.tgz');
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    expect(() => chartDigest(file)).toThrow(`${file} is not a regular file`);
  });
});
