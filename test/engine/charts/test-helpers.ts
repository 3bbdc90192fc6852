import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { currentProcessRunner, type ProcessRunner, setProcessRunner } from '../../../src/engine/process/runner';

/** The fixture charts, laid out like a release's manifests/charts. */
export const FIXTURE_CHARTS = path.join(__dirname, '..', '..', 'fixtures', 'charts');

let charts129: string | undefined;

/**
 * The fixture charts as of Istio 1.29 (version 1.29.6): base of its own (it lacks `global.enableReaderRBAC`), and
 * istiod made from the 1.30.3 fixture with only its version changed, so the two cannot drift apart. Built in a temp
 * folder named after the sources' content, so test processes share one copy and a changed fixture gets a new one.
 */
export function fixtureCharts1_29(): string {
  if (charts129) return charts129;
  const base = path.join(__dirname, '..', '..', 'fixtures', 'charts-1.29', 'base');
  const istiodSource = path.join(FIXTURE_CHARTS, 'istio-control', 'istio-discovery');
  const hash = createHash('sha256');
  for (const root of [base, istiodSource]) {
    for (const file of (fs.readdirSync(root, { recursive: true }) as string[]).sort()) {
      const full = path.join(root, file);
      if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
    }
  }
  const dir = path.join(os.tmpdir(), `cdk8s-istio-fixture-charts-1.29-${hash.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(dir)) {
    // Built aside and renamed into place, so parallel test processes never see half a chart.
    const work = fs.mkdtempSync(`${dir}.tmp-`);
    fs.cpSync(base, path.join(work, 'base'), { recursive: true });
    const istiod = path.join(work, 'istio-control', 'istio-discovery');
    fs.cpSync(istiodSource, istiod, { recursive: true });
    const chartFile = path.join(istiod, 'Chart.yaml');
    fs.writeFileSync(chartFile, fs.readFileSync(chartFile, 'utf-8').replace(/^(version|appVersion): 1\.30\.3$/gm, '$1: 1.29.6'));
    try {
      fs.renameSync(work, dir);
    } catch {
      fs.rmSync(work, { recursive: true, force: true }); // another process was first
    }
  }
  charts129 = dir;
  return dir;
}

/** A runner that starts real processes and records every call. */
export function countingRunner(): { readonly calls: string[][]; readonly restore: () => void } {
  const calls: string[][] = [];
  const real = currentProcessRunner();
  const runner: ProcessRunner = (program, args, options) => {
    calls.push([program, ...args]);
    return real(program, args, options);
  };
  return { calls, restore: setProcessRunner(runner) };
}

/** The object of a kind and name, or a failure listing what there is. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into rendered JSON; typing every path would only add casts
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

/** The pid of a process that has exited (for temp entries a killed run left behind). */
export function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf-8' }).stdout);
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server in its own process (downloads run synchronously and would block one in the test's event loop). */
export interface TestServer {
  readonly url: string;
  /** Every request so far: method, path and the Authorization header; plus a `sent` entry per endless body. */
  readonly requests: () => Array<{ method?: string; url?: string; auth?: string | null; sent?: number }>;
  readonly stop: () => void;
}

// Serves files under a root, and misbehaves on purpose under these paths:
// /silent/*  accepts, never answers            /endless/*  200 with a body that never ends
// /trickle/* one byte every 100 ms, forever    /huge/*     announces 3 GiB, sends one byte
// /loop/*    redirects to itself               /error/*    HTTP 500
const HTTP_SERVER = `
const http = require('http'), fs = require('fs'), path = require('path');
const [root, log] = process.argv.slice(1);
const note = (entry) => fs.appendFileSync(log, JSON.stringify(entry) + '\\n');
http.createServer((req, res) => {
  note({ method: req.method, url: req.url, auth: req.headers.authorization || null });
  const route = req.url.split('/')[1];
  if (route === 'silent') return;
  if (route === 'endless') {
    res.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 120);
    let sent = 0;
    const pump = () => { while (res.write(chunk)) sent += chunk.length; sent += chunk.length; res.once('drain', pump); };
    res.on('close', () => note({ sent }));
    return pump();
  }
  if (route === 'trickle') { res.writeHead(200); const t = setInterval(() => res.write('x'), 100); return res.on('close', () => clearInterval(t)); }
  if (route === 'huge') { res.writeHead(200, { 'Content-Length': String(3 * 1024 ** 3) }); return res.write('x'); }
  if (route === 'loop') { res.writeHead(302, { Location: req.url }); return res.end(); }
  if (route === 'error') { res.writeHead(500); return res.end('boom'); }
  const file = path.join(root, decodeURIComponent(req.url.split('?')[0]));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200); res.end(fs.readFileSync(file));
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

/** Starts the test HTTP server (see HTTP_SERVER) serving files under `root`. */
export async function startHttpServer(root: string): Promise<TestServer> {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'http-log-')), 'requests.log');
  const child = spawn(process.execPath, ['-e', HTTP_SERVER, root, log], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(child);
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf-8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [],
    stop: () => {
      child.kill();
      fs.rmSync(path.dirname(log), { recursive: true, force: true });
    },
  };
}

/** A loopback TCP server that accepts connections and never says a word (a registry that hangs). */
export async function startSilentTcpServer(): Promise<{ readonly port: number; readonly stop: () => void }> {
  const script = `require('net').createServer(() => {}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = Number(await firstLine(child));
  return { port, stop: () => child.kill() };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim())));
}

/** Every entry under `dir`, recursively, as relative paths (to show nothing else was left behind). */
export function listTree(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort() : [];
}

/** Sets HELM_BIN to a shell script for the duration of `run` (a fake helm). */
export function withFakeHelm<T>(dir: string, script: string, run: () => T): T {
  const file = path.join(dir, `fake-helm-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const previous = process.env.HELM_BIN;
  process.env.HELM_BIN = file;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.HELM_BIN;
    else process.env.HELM_BIN = previous;
  }
}
