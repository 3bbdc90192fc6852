// The hostile-input suite's sandbox: a temporary root holding everything a run could touch (a project, a home folder
// with a key, the chart folder, the caches), and a fingerprint of it, so each case can assert that nothing outside the
// output folder and the caches changed.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const FIXTURE_CHARTS = path.join(__dirname, '..', 'fixtures', 'charts');

export interface Sandbox {
  readonly root: string;
  /** A home folder with a private key: what a wrong outdir must never delete. */
  readonly home: string;
  /** A copy of the fixture charts, laid out like a release's manifests/charts. */
  readonly charts: string;
  /** Cache root (CDK8S_ISTIO_CACHE_DIR): may change. */
  readonly cache: string;
  /** Default output folder: may change. */
  readonly out: string;
}

/** A fresh sandbox per test (removed afterwards), with the environment pointed into it. */
export function useSandbox(): () => Sandbox {
  let box: Sandbox | undefined;
  const saved = { ...process.env };
  beforeEach(() => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-hostile-')));
    const home = path.join(root, 'home');
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY\n', { mode: 0o600 });
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'notes.md'), '# notes\n');
    const charts = path.join(root, 'charts');
    fs.cpSync(FIXTURE_CHARTS, charts, { recursive: true });
    box = { root, home, charts, cache: path.join(root, 'cache'), out: path.join(root, 'out') };
    process.env.ISTIO_CHARTS_DIR = charts;
    process.env.CDK8S_ISTIO_CACHE_DIR = box.cache;
    process.env.CDK8S_OUTDIR = box.out;
  });
  afterEach(() => {
    process.env = { ...saved };
    if (box) fs.rmSync(box.root, { recursive: true, force: true });
  });
  return () => {
    if (!box) throw new Error('useSandbox() is for use inside a test');
    return box;
  };
}

/** Path (relative to the root) -> what it is: file digest and mode, link target, folder, or other kind. */
export function fingerprint(root: string, skip: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const full = path.join(root, rel);
    if (skip.some((s) => full === s || full.startsWith(s + path.sep))) return;
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink()) out.set(rel, `link ${fs.readlinkSync(full)}`);
    else if (stat.isDirectory()) {
      out.set(rel, 'dir');
      for (const name of fs.readdirSync(full).sort()) walk(path.join(rel, name));
    } else if (stat.isFile()) {
      out.set(rel, `file ${(stat.mode & 0o777).toString(8)} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    } else out.set(rel, 'other');
  };
  walk('');
  return out;
}

/** Runs `fn` and returns its result; fails when anything under the root changed outside the given folders. */
export function expectUntouchedOutside<T>(box: Sandbox, allowed: readonly string[], fn: () => T): T {
  const skip = [box.cache, box.out, ...allowed];
  const before = fingerprint(box.root, skip);
  const result = fn();
  expect(fingerprint(box.root, skip)).toEqual(before);
  return result;
}

/** Writes an executable shell script into the sandbox (a fake helm, a hanging app). */
export function script(box: Sandbox, name: string, body: string): string {
  const file = path.join(box.root, 'bin', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** An error that is exactly one line (no stack frames, nothing after it). */
export function expectOneLineError(text: string, pattern: RegExp): void {
  expect(text).toMatch(pattern);
  expect(text.trimEnd().split('\n')).toHaveLength(1);
}

/**
 * A synth failure report: the `synth failed: N invalid inputs:` header, then one line per failure, each naming the
 * construct path; no stack frames. Returns the failure lines.
 */
export function failureLines(text: string): string[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  expect(header).toMatch(/^error: synth failed: \d+ invalid inputs?:$/);
  for (const line of lines) expect(line).toMatch(/^ {2}\[[^\]]+\] \S/);
  expect(lines).toHaveLength(Number(/(\d+) invalid/.exec(header)?.[1]));
  return lines;
}

/** Creates a named pipe (with mkfifo(1)) and returns its path. */
export function makeFifo(file: string): string {
  const result = spawnSync('mkfifo', [file]);
  if (result.status !== 0) throw new Error(`mkfifo ${file} failed: ${result.error?.message ?? result.stderr}`);
  return file;
}

/** `test`, or `test.skip` where mkfifo(1) is missing (the name says so). */
export const fifoTest: jest.It = spawnSync('mkfifo', ['--version']).status === 0 ? test : test.skip;
