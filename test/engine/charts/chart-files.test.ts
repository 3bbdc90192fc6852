import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chartFilePaths, chartFiles, readChartTexts } from '../../../src/engine/charts/chart-files';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { UserError } from '../../../src/errors';
import { FIXTURE_CHARTS, useTempDir } from './test-helpers';

const tmp = useTempDir('chart-files-test-');

function chart(): string {
  const dir = path.join(tmp(), 'chart');
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'name: c\nversion: 1.0.0\n');
  fs.writeFileSync(path.join(dir, 'templates', 'a.yaml'), 'a: 1\n');
  return dir;
}

/** The message of what `run` throws, after checking it is a one-line UserError. */
function userError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('chartFiles', () => {
  test('lists regular files depth first with sorted names', () => {
    const dir = chart();
    fs.writeFileSync(path.join(dir, 'values.yaml'), '');
    expect(chartFiles(dir).map((f) => f.rel)).toEqual(['Chart.yaml', 'templates/a.yaml', 'values.yaml']);
  });

  test('refuses a FIFO without opening it, naming the file', () => {
    const dir = chart();
    expect(spawnSync('mkfifo', [path.join(dir, 'templates', 'pipe.yaml')]).status).toBe(0);
    expect(userError(() => chartFiles(dir))).toBe(
      `chart folder ${dir}: templates/pipe.yaml is a FIFO (named pipe); a chart holds regular files and folders only: remove it`,
    );
  });

  test('follows a symbolic link that stays inside the chart', () => {
    const dir = chart();
    fs.symlinkSync('a.yaml', path.join(dir, 'templates', 'b.yaml'));
    fs.symlinkSync('templates', path.join(dir, 'more'));
    expect(chartFiles(dir).map((f) => f.rel)).toEqual(['Chart.yaml', 'more/a.yaml', 'more/b.yaml', 'templates/a.yaml', 'templates/b.yaml']);
  });

  test('refuses a symbolic link that leaves the chart, naming it and its target', () => {
    const dir = chart();
    const outside = path.join(tmp(), 'secret.txt');
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync(outside, path.join(dir, 'templates', 'x.yaml'));
    expect(userError(() => chartFiles(dir))).toContain(
      `templates/x.yaml is a symbolic link to ${fs.realpathSync(outside)}, outside the chart folder`,
    );
  });

  test('refuses a symbolic link loop and a link to a folder that contains it', () => {
    const loop = chart();
    fs.symlinkSync('b', path.join(loop, 'templates', 'a-loop'));
    fs.symlinkSync('a-loop', path.join(loop, 'templates', 'b'));
    expect(userError(() => chartFiles(loop))).toContain('templates/a-loop is a symbolic link that loops or points to nothing');
    fs.rmSync(loop, { recursive: true });
    const cycle = chart();
    fs.symlinkSync('..', path.join(cycle, 'templates', 'up'));
    expect(userError(() => chartFiles(cycle))).toContain('templates/up is a symbolic link to a folder that contains it (a loop)');
  });
});

describe('chartFilePaths', () => {
  test('of a folder: the paths inside the chart', () => {
    expect(chartFilePaths(path.join(FIXTURE_CHARTS, 'base'))).toContain('templates/crds.yaml');
  });

  test('of a packaged chart: the archive entries without their top folder', () => {
    const result = spawnSync(locateHelm(), ['package', path.join(FIXTURE_CHARTS, 'base'), '--destination', tmp()], { encoding: 'utf-8' });
    expect(result.status).toBe(0);
    const paths = chartFilePaths(path.join(tmp(), 'base-1.30.3.tgz'));
    expect([...paths].sort()).toEqual([...chartFilePaths(path.join(FIXTURE_CHARTS, 'base'))].sort());
  });
});

describe('readChartTexts', () => {
  const read = (chartPath: string): Map<string, string> => {
    const texts = new Map<string, string>();
    readChartTexts(
      chartPath,
      (rel) => rel.startsWith('templates/'),
      (rel, text) => texts.set(rel, text),
    );
    return texts;
  };

  test('gives the text of the wanted files of a folder and of a packaged chart alike', () => {
    const dir = chart();
    expect(read(dir)).toEqual(new Map([['templates/a.yaml', 'a: 1\n']]));
    const result = spawnSync(locateHelm(), ['package', dir, '--destination', tmp()], { encoding: 'utf-8' });
    expect(result.status).toBe(0);
    expect(read(path.join(tmp(), 'c-1.0.0.tgz'))).toEqual(new Map([['templates/a.yaml', 'a: 1\n']]));
  });
});
