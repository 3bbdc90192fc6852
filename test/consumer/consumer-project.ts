// Plumbing for the consumer test: pack this library as npm would publish it, and install it into throwaway
// projects with npm itself (the real client, the real registry), each step with a time limit.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export const REPO = path.join(__dirname, '..', '..');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion within `timeoutMs`; a failure (or a timeout) throws with its output. */
export function run(program: string, args: readonly string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(program, [...args], { cwd, env, encoding: 'utf-8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const outcome = { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit status ${result.status}`;
    throw new Error(`${program} ${args.join(' ')} (in ${cwd}) failed: ${why}\n${outcome.stdout}\n${outcome.stderr}`);
  }
  return outcome;
}

/** True when npm's registry answers (the consumer test needs it for cdk8s and friends). */
export function registryReachable(): boolean {
  const ping = spawnSync('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { encoding: 'utf-8', timeout: 30_000 });
  return ping.status === 0;
}

/**
 * Packs the library with `npm pack`, scripts included (prepack cleans lib/, prepare builds it), into `dest`.
 * It packs a copy of the sources, not the checkout itself: prepack deletes lib/, which this checkout's other
 * users (npm run synth, bench) may be reading at the same moment. Returns the tarball's path.
 */
export function packLibrary(scratch: string, dest: string): string {
  const copy = path.join(scratch, 'library');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO, 'tsconfig.build.json'), 'utf-8')) as { include: string[] };
  const built = tsconfig.include.map((pattern) => pattern.split('/')[0]);
  const packed = ['package.json', 'README.md', 'LICENSE', 'bin', 'tsconfig.json', 'tsconfig.build.json', ...built];
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of new Set(packed)) {
    if (fs.existsSync(path.join(REPO, entry))) fs.cpSync(path.join(REPO, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const out = run('npm', ['pack', '--pack-destination', dest, '--silent'], copy, 180_000);
  return path.join(dest, out.stdout.trim().split('\n').pop()!);
}

/** A fresh npm project in `dir` with `packages` installed (names, versions or tarball paths). Returns npm's output. */
export function installProject(dir: string, packages: readonly string[], extraArgs: readonly string[] = []): Run {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }));
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts', ...extraArgs, ...packages];
  return run('npm', args, dir, 240_000);
}

/** Bytes of every file under `dir` (symlinks not followed), and the folders named `name` found on the way. */
export function measure(dir: string, name: string): { readonly bytes: number; readonly found: string[] } {
  let bytes = 0;
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === name) found.push(path.relative(dir, full));
        walk(full);
      } else {
        bytes += fs.lstatSync(full).size;
      }
    }
  };
  walk(dir);
  return { bytes, found };
}

export interface Manifest {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}

/** Every object in every YAML file under `dir`. */
export function readManifests(dir: string): Manifest[] {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f));
  return files.flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf-8'))
      .map((d) => d.toJS() as Manifest | null)
      .filter((o): o is Manifest => o !== null),
  );
}

/** The object of a kind and name, or a failure listing what there is. */
export function find(objects: readonly Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in [${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}]`);
  return found;
}
