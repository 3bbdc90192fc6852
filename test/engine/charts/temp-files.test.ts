import * as fs from 'fs';
import * as path from 'path';
import { removeAbandoned, tempName } from '../../../src/engine/charts/temp-files';
import { deadPid, listTree, useTempDir } from './test-helpers';

const tmp = useTempDir('temp-files-test-');

describe('temp files', () => {
  test('a temp name carries this process id and is new each time', () => {
    expect(tempName('index')).toMatch(new RegExp(`^\\.index\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect(tempName('index')).not.toBe(tempName('index'));
  });

  test('removes temp entries of processes that are gone, keeps its own, live ones and every other file', () => {
    const dead = deadPid();
    for (const name of [`.index.${dead}.abcd1234.tmp`, `.istiod-1.30.3.${dead}.abcd1234.tmp.part`, `.pull.${dead}.abcd1234.tmp/x.tgz`]) {
      fs.mkdirSync(path.dirname(path.join(tmp(), name)), { recursive: true });
      fs.writeFileSync(path.join(tmp(), name), '');
    }
    const mine = tempName('index');
    fs.writeFileSync(path.join(tmp(), mine), '');
    const live = `.index.${process.ppid}.abcd1234.tmp`;
    fs.writeFileSync(path.join(tmp(), live), '');
    fs.writeFileSync(path.join(tmp(), 'istiod-1.30.3.tgz'), '');
    removeAbandoned(tmp());
    expect(listTree(tmp())).toEqual([live, mine, 'istiod-1.30.3.tgz'].sort());
  });

  test('does nothing for a folder that does not exist', () => {
    expect(() => removeAbandoned(path.join(tmp(), 'missing'))).not.toThrow();
  });
});
