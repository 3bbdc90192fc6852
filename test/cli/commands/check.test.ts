import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../support/cli';
import { setProcessRunner } from '../../../src/engine/process/runner';
import { REQUIRE_TYPESCRIPT, SAMPLE_APP } from '../../synth/child-synth';
import { sampleApp } from '../../synth/sample-app';

let root = '';
let appScript = '';
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cmd-'));
  // The sample app as a real program: writes to $CDK8S_OUTDIR, TypeScript compiled on the fly by swc.
  appScript = path.join(root, 'app.js');
  fs.writeFileSync(
    appScript,
    `${REQUIRE_TYPESCRIPT}
    require(${JSON.stringify(SAMPLE_APP)}).sampleApp({ outdir: process.env.CDK8S_OUTDIR || 'dist',
      renderCacheDir: ${JSON.stringify(path.join(root, 'renders'))}, layout: 'stage-folders' }).synth();
  `,
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const APP = () => `node '${appScript}'`;

const run = (args: string[]) => runCli(args);

/** A committed output: a fresh synth of the sample app (in this process; the render cache keeps it fast). */
function committed(name: string): string {
  const dist = path.join(root, name);
  sampleApp({ outdir: dist, renderCacheDir: path.join(root, 'renders'), layout: 'stage-folders' }).synth();
  return dist;
}

/**
 * Runs the app command in this process: the same sample app, written to the CDK8S_OUTDIR that check passes.
 * (The cdk8s.yaml case below runs a real process.)
 */
function inProcessApp(): { readonly commands: string[]; readonly timeouts: (number | undefined)[]; readonly restore: () => void } {
  const commands: string[] = [];
  const timeouts: (number | undefined)[] = [];
  const restore = setProcessRunner((program, args, options = {}) => {
    commands.push([program, ...args].join(' '));
    timeouts.push(options.timeoutMs);
    sampleApp({ outdir: options.env!.CDK8S_OUTDIR!, renderCacheDir: path.join(root, 'renders'), layout: 'stage-folders' }).synth();
    return { status: 0, stdout: '', stderr: '' };
  });
  return { commands, timeouts, restore };
}

function tempDirsLeft(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('cdk8s-istio-check-'));
}

describe('cdk8s-istio check', () => {
  let app: ReturnType<typeof inProcessApp> | undefined;
  afterEach(() => {
    app?.restore();
    app = undefined;
  });

  test('passes on a fresh synth', async () => {
    const dist = committed('fresh');
    const before = tempDirsLeft();
    app = inProcessApp();
    const r = await run(['check', '--dist', dist, '--app', APP()]);
    expect(app.commands).toEqual([`/bin/sh -c ${APP()}`]);
    expect(app.timeouts).toEqual([300_000]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/matches a fresh synth \(\d+ files\)/);
    expect(tempDirsLeft()).toEqual(before);
  });

  test('fails on an edited file, naming the file and the object', async () => {
    const dist = committed('edited');
    const file = path.join(dist, '30-workloads', 'shop.k8s.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf-8').replace('nginx:1.27', 'nginx:1.28'));
    app = inProcessApp();
    const r = await run(['check', '--dist', dist, '--app', APP()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('differs from a fresh synth in 1 file');
    expect(r.stdout).toContain('~ 30-workloads/shop.k8s.yaml\n    ~ Deployment shop/web');
  });

  test('fails on a missing file and on a stale one', async () => {
    const dist = committed('missing');
    fs.rmSync(path.join(dist, '40-policies', 'shop.k8s.yaml'));
    fs.writeFileSync(path.join(dist, 'leftover.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    app = inProcessApp();
    const r = await run(['check', '--dist', dist, '--app', APP()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ 40-policies/shop.k8s.yaml (new file)');
    expect(r.stdout).toContain('- leftover.k8s.yaml (no longer produced)');
  });

  test('exits 2 when the app fails, shows its error, and removes the temporary folder', async () => {
    const record = path.join(root, 'outdir.txt');
    const before = tempDirsLeft();
    const r = await run([
      'check',
      '--dist',
      path.join(root, 'none'),
      '--app',
      `echo "$CDK8S_OUTDIR" > '${record}'; echo 'boom: bad input' >&2; exit 3`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('boom: bad input');
    expect(r.stderr).toContain('error: the app failed to synth');
    const outdir = fs.readFileSync(record, 'utf-8').trim();
    expect(outdir.startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(path.dirname(outdir))).toBe(false);
    expect(tempDirsLeft()).toEqual(before);
  });

  test('stops an app that runs past --timeout: exits 2 saying so, and removes the temporary folder', async () => {
    const record = path.join(root, 'slow-outdir.txt');
    const before = tempDirsLeft();
    const r = await run([
      'check',
      '--dist',
      path.join(root, 'none'),
      '--timeout',
      '1',
      '--app',
      `mkdir -p "$CDK8S_OUTDIR"; echo "$CDK8S_OUTDIR" > '${record}'; echo 'kind: x' > "$CDK8S_OUTDIR/a.yaml"; exec sleep 30`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: the app did not finish within 1 s \(.*sleep 30\); raise --timeout, or make it faster\n$/);
    expect(fs.existsSync(path.dirname(fs.readFileSync(record, 'utf-8').trim()))).toBe(false);
    expect(tempDirsLeft()).toEqual(before);
  });

  test('refuses a --timeout that is not a positive number of seconds', async () => {
    for (const bad of ['0', '-5', 'soon']) {
      const r = await run(['check', '--dist', path.join(root, 'none'), '--app', 'true', '--timeout', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`option '--timeout <seconds>' argument '${bad}' is invalid. use a number of seconds above 0, e.g. 300`);
    }
  });

  test('recovers an interrupted synth of the committed output before comparing, saying so', async () => {
    const dist = committed('interrupted');
    // Killed between its two renames: the output moved aside, the next one staged.
    fs.renameSync(dist, path.join(root, '.interrupted.old'));
    fs.mkdirSync(path.join(root, '.interrupted.new'));
    app = inProcessApp();
    const r = await run(['check', '--dist', dist, '--app', APP()]);
    expect(r.stderr).toBe(
      `recovered ${fs.realpathSync(root)}/interrupted after an interrupted synth: ` +
        'restored the previous output from .interrupted.old; removed .interrupted.new\n',
    );
    expect(r.code).toBe(0);
    expect(fs.readdirSync(root).filter((f) => f.startsWith('.interrupted.'))).toEqual([]);
  });

  test('exits 2 when the app writes nothing to CDK8S_OUTDIR', async () => {
    const r = await run(['check', '--dist', path.join(root, 'none'), '--app', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wrote nothing to $CDK8S_OUTDIR');
  });

  describe('defaults from cdk8s.yaml', () => {
    const cwd = process.cwd();
    afterEach(() => process.chdir(cwd));

    test('reads app and output from cdk8s.yaml in the working directory, and runs the app as a real process', async () => {
      const project = path.join(root, 'project');
      fs.mkdirSync(project);
      committed(path.join('project', 'out'));
      fs.writeFileSync(path.join(project, 'cdk8s.yaml'), `language: typescript\napp: ${APP()}\noutput: out\n`);
      process.chdir(project);
      const r = await run(['check']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^out matches a fresh synth/);
    });

    test('a cdk8s.yaml that is not valid YAML ends in one line naming the file and line, exit 2', async () => {
      const broken = path.join(root, 'broken-config');
      fs.mkdirSync(broken);
      fs.writeFileSync(path.join(broken, 'cdk8s.yaml'), 'app: node main.js\noutput: [dist\n');
      process.chdir(broken);
      const r = await run(['check']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: cdk8s\.yaml:\d+: invalid YAML: .+\n$/);
      expect(r.stdout).toBe('');
    });

    test('exits 2 without an app command', async () => {
      const empty = path.join(root, 'empty');
      fs.mkdirSync(empty);
      process.chdir(empty);
      const r = await run(['check']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no app command: pass --app "<command>" or set app: in cdk8s.yaml');
    });
  });
});
