import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { type ProcessRunner, setProcessRunner } from '../../../src/engine/process/runner';

/** The fixture charts, laid out like a release's manifests/charts. */
export const FIXTURE_CHARTS = path.join(__dirname, '..', '..', 'fixtures', 'charts');

/** A runner that starts real processes and records every call. */
export function countingRunner(): { readonly calls: string[][]; readonly restore: () => void } {
  const calls: string[][] = [];
  const runner: ProcessRunner = (program, args, options = {}) => {
    calls.push([program, ...args]);
    const r = spawnSync(program, [...args], {
      input: options.input,
      cwd: options.cwd,
      env: options.env ?? process.env,
      encoding: 'utf-8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
  };
  return { calls, restore: setProcessRunner(runner) };
}

/** The object of a kind and name, or a failure listing what there is. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in [${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}]`);
  return found;
}

/** A fresh temp folder per test, removed afterwards. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
