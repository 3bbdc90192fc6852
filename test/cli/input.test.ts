import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { readFileChunks, readSmallFile, requireRegularFile, yamlFiles } from '../../src/cli/input';
import { UserError } from '../../src/errors';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-input-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text = 'a: 1\n'): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function fifo(rel: string): string {
  const file = path.join(dir, rel);
  execFileSync('mkfifo', [file]);
  return file;
}

async function readAll(file: string, maxBytes?: number): Promise<string> {
  let text = '';
  for await (const chunk of readFileChunks(file, { what: 'input file', maxBytes, tooLarge: (f) => `${f} is too large` })) text += chunk;
  return text;
}

const posix = process.platform === 'win32' ? describe.skip : describe;

describe('yamlFiles', () => {
  test('lists *.yaml and *.yml under a folder, sorted, skipping dot-entries and other files', () => {
    const b = write('b.yaml');
    const a = write('sub/a.YML');
    write('.git/c.yaml');
    write('notes.txt');
    expect(yamlFiles(dir, () => undefined)).toEqual([b, a]);
  });

  test('returns a file named directly, whatever its extension', () => {
    const file = write('manifest.txt');
    expect(yamlFiles(file, () => undefined)).toEqual([file]);
  });

  test('fails in one line for a missing input', () => {
    expect(() => yamlFiles(path.join(dir, 'nope'), () => undefined)).toThrow(
      /^cannot read input .*nope: no such file or directory; check the path$/,
    );
  });
});

posix('special files', () => {
  test('a FIFO in a folder is skipped with a warning, never opened', () => {
    const ok = write('ok.yaml');
    const pipe = fifo('pipe.yaml');
    const warnings: string[] = [];
    expect(yamlFiles(dir, (w) => warnings.push(w))).toEqual([ok]);
    expect(warnings).toEqual([`skipped ${pipe}: it is a FIFO (named pipe), not a regular file`]);
  });

  test('a socket and a link to a device in a folder are skipped with a warning', async () => {
    const socket = path.join(dir, 's.yaml');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      fs.symlinkSync('/dev/null', path.join(dir, 'null.yaml'));
      const warnings: string[] = [];
      expect(yamlFiles(dir, (w) => warnings.push(w))).toEqual([]);
      expect(warnings).toEqual([expect.stringMatching(/null\.yaml: it is a device/), expect.stringMatching(/s\.yaml: it is a socket/)]);
    } finally {
      server.close();
    }
  });

  test('a dangling link and a link loop in a folder are skipped with a warning; a link to a folder is not followed', () => {
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling.yaml'));
    fs.symlinkSync(path.join(dir, 'loop.yaml'), path.join(dir, 'loop.yaml'));
    write('real/x.yaml');
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked.yaml'));
    const warnings: string[] = [];
    expect(yamlFiles(dir, (w) => warnings.push(w))).toEqual([path.join(dir, 'real', 'x.yaml')]);
    expect(warnings).toEqual([
      expect.stringMatching(/^skipped .*dangling\.yaml: /),
      expect.stringMatching(/^skipped .*loop\.yaml: .*symbolic links/),
    ]);
  });

  test.each([
    ['a FIFO', () => fifo('p.yaml'), /it is a FIFO \(named pipe\): name a regular file, or pipe the data to standard input with -/],
    ['a device', () => '/dev/null', /it is a device/],
    ['a folder', () => dir, /it is a folder: name a file/],
  ])('%s named directly is refused in one line', (_what, make, message) => {
    const file = make();
    expect(() => requireRegularFile(file, 'input file')).toThrow(UserError);
    expect(() => requireRegularFile(file, 'input file')).toThrow(message);
  });

  test('readFileChunks refuses a FIFO without blocking on it (opened non-blocking, checked after opening)', async () => {
    await expect(readAll(fifo('late.yaml'))).rejects.toThrow(/it is a FIFO/);
  });

  test('readSmallFile refuses a FIFO without blocking on it', () => {
    expect(() => readSmallFile(fifo('values.yaml'), 'values file', 1024)).toThrow(/^cannot read values file .*values\.yaml: it is a FIFO/);
  });

  test('readFileChunks names the path of a link loop in one line', async () => {
    const loop = path.join(dir, 'loop.yaml');
    fs.symlinkSync(loop, loop);
    await expect(readAll(loop)).rejects.toThrow(
      /^input file: too many levels of symbolic links opening .*loop\.yaml: fix the symlink loop$/,
    );
  });
});

describe('readSmallFile', () => {
  test('reads a file whole, and refuses one over the cap in one line', () => {
    expect(readSmallFile(write('v.yaml', 'a: 1\n'), 'values file', 1024)).toBe('a: 1\n');
    expect(() => readSmallFile(write('big.yaml', 'x'.repeat(100)), 'values file', 10)).toThrow(
      /^values file .*big\.yaml is over 10 bytes: /,
    );
    expect(() => readSmallFile(path.join(dir, 'nope.yaml'), 'values file', 10)).toThrow(
      /cannot read values file .*nope\.yaml: no such file/,
    );
  });
});

describe('readFileChunks', () => {
  test('decodes UTF-8 characters split between two reads', async () => {
    const text = `${'a'.repeat(1024 * 1024 - 1)}é€\n`;
    expect(await readAll(write('wide.yaml', text))).toBe(text);
  });

  test('ends a file over the cap in one line before reading it', async () => {
    await expect(readAll(write('big.yaml', 'x'.repeat(100)), 10)).rejects.toThrow(/big\.yaml is too large$/);
  });
});
