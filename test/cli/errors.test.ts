import { CliError, exitCodeOf, fileError, inputError, sizeText, withExitCode } from '../../src/cli/errors';
import { YamlParseError } from '../../src/engine/yaml/documents';
import { YamlTooLargeError } from '../../src/engine/yaml/split';
import { UserError } from '../../src/errors';

function errno(code: string, syscall = 'open', path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall}`), { code, syscall, ...(path ? { path } : {}) });
}

describe('fileError', () => {
  test('says a missing file is missing, with the path and what to check', () => {
    expect(fileError(errno('ENOENT'), 'a.yaml', 'input file')?.message).toBe(
      'cannot read input file a.yaml: no such file or directory; check the path',
    );
  });

  test.each([
    ['EACCES', /^input file: permission denied opening a\.yaml: fix its permissions$/],
    ['ELOOP', /^input file: too many levels of symbolic links opening a\.yaml: fix the symlink loop$/],
    ['EISDIR', /^input file: .*a\.yaml/],
    ['EIO', /^cannot read input file a\.yaml: EIO \(EIO: failed, open\)$/],
  ])('gives %s one line naming the path', (code, message) => {
    const error = fileError(errno(code), 'a.yaml', 'input file');
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  test('leaves errors that are no file-system failures to the caller', () => {
    expect(fileError(new Error('bug'), 'a.yaml', 'input file')).toBeUndefined();
  });
});

describe('inputError', () => {
  test('turns a YAML syntax error and an oversized document into one line with file and line', () => {
    expect((inputError(new YamlParseError('a.yaml', 3, 'bad'), 'a.yaml', 'input file') as Error).message).toBe(
      'a.yaml:3: invalid YAML: bad',
    );
    expect((inputError(new YamlTooLargeError('a.yaml', 7, 64 * 1024 * 1024), 'a.yaml', 'input file') as Error).message).toMatch(
      /^a\.yaml:7: the document starting here is over 64 MiB: split it/,
    );
  });

  test('returns other errors as they are', () => {
    const bug = new TypeError('x');
    expect(inputError(bug, 'a.yaml', 'input file')).toBe(bug);
  });
});

describe('exit codes', () => {
  test('a CliError carries its code, any other UserError means 1', () => {
    expect(exitCodeOf(new CliError('x', 2))).toBe(2);
    expect(exitCodeOf(new UserError('x'))).toBe(1);
  });

  test('withExitCode gives UserErrors a code and keeps CliErrors and bugs as they are', () => {
    expect(exitCodeOf(withExitCode(new UserError('x'), 2))).toBe(2);
    expect(exitCodeOf(withExitCode(new CliError('x', 1), 2))).toBe(1);
    const bug = new Error('bug');
    expect(withExitCode(bug, 2)).toBe(bug);
  });
});

test('sizeText shows whole MiB, or bytes below one MiB', () => {
  expect(sizeText(64 * 1024 * 1024)).toBe('64 MiB');
  expect(sizeText(100)).toBe('100 bytes');
});
