import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cachedArchive, recordDigest } from '../../../src/engine/charts/cached-archive';
import { useTempDir } from './test-helpers';

const tmp = useTempDir('cached-archive-test-');
const AGAIN = 'fetched again while the source can be reached';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A cached archive holding `content`, with `recorded` as its digest record when given. */
function archive(content: string, recorded?: string): string {
  const file = path.join(tmp(), 'istiod-1.30.3.tgz');
  fs.writeFileSync(file, content);
  if (recorded !== undefined) recordDigest(file, recorded);
  return file;
}

describe('cachedArchive', () => {
  test('nothing cached: no digest, and nothing to say about the cache', () => {
    expect(cachedArchive(path.join(tmp(), 'none.tgz'), undefined, AGAIN)).toEqual({ distrust: '' });
  });

  test('an archive whose digest is the recorded one is used', () => {
    expect(cachedArchive(archive('chart', sha256('chart')), undefined, AGAIN)).toEqual({ digest: sha256('chart') });
  });

  test('an archive changed after it was recorded is not used, saying both digests', () => {
    const file = archive('tampered', sha256('chart'));
    expect(cachedArchive(file, undefined, AGAIN)).toEqual({
      distrust: `; the cached ${file} has sha256 ${sha256('tampered')}, not the recorded ${sha256('chart')}, so it is not used`,
    });
  });

  test('a pinned digest is checked instead of the record', () => {
    const file = archive('chart', sha256('chart'));
    expect(cachedArchive(file, sha256('other'), AGAIN)).toEqual({
      distrust: `; the cached ${file} has sha256 ${sha256('chart')}, not the pinned ${sha256('other')}, so it is not used`,
    });
    expect(cachedArchive(archive('chart'), sha256('chart'), AGAIN)).toEqual({ digest: sha256('chart') });
  });

  test('an archive without a record or a pin is not trusted, naming the record and the fix', () => {
    const file = archive('planted');
    expect(cachedArchive(file, undefined, AGAIN)).toEqual({
      distrust: `; the cached ${file} has no digest record (istiod-1.30.3.tgz.sha256), so it is not trusted: delete it, or let it be ${AGAIN}`,
    });
  });
});
