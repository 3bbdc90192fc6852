/**
 * The CLI at scale: `analyze` on 1,000,000 ConfigMaps and `inject` on 200,000 Deployments, each in one fresh
 * `node lib/bench/cli-run.js` process whose input was generated into a temporary folder beforehand.
 * Wall time includes start-up; memory is the child's process.resourceUsage().maxRSS.
 * Run alone: npm run build && node lib/bench/scale.js [--configmaps 1000000] [--deployments 200000]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringifyDocuments } from '../src/engine/yaml/documents';
import { timeChild } from './child';
import { parseCliRunReport } from './cli-run';
import { benchDeployment } from './inject';

const CLI_RUN_JS = path.join(__dirname, 'cli-run.js');

/** The memory target for each run. */
export const SCALE_RSS_TARGET_KB = 1.5 * 1024 * 1024;

export interface ScaleOptions {
  readonly configMaps: number;
  readonly deployments: number;
  /** Per run. */
  readonly timeoutMs: number;
}

export interface ScaleResult {
  readonly label: string;
  readonly inputBytes: number;
  readonly outputBytes?: number;
  readonly wallMs?: number;
  readonly maxRssKb?: number;
  /** Why there are no numbers. */
  readonly failure?: string;
}

/** Writes `count` documents made by `make` to `file`, a thousand at a time (the stream is never one string). */
export function writeDocuments(file: string, count: number, make: (i: number) => unknown): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (let start = 0; start < count; start += 1000) {
      const block = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) block.push(make(i));
      fs.writeSync(fd, `${stringifyDocuments(block)}---\n`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** ConfigMap number `i`, over 1,000 namespaces. */
export function benchConfigMap(i: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `config-${i}`, namespace: `team-${i % 1000}` },
    data: { key: `value-${i}` },
  };
}

export function runScaleBench(options: ScaleOptions): ScaleResult[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-scale-'));
  try {
    const configMaps = path.join(work, 'configmaps.yaml');
    writeDocuments(configMaps, options.configMaps, benchConfigMap);
    const analyzed = runCli(`analyze, ${count(options.configMaps)} ConfigMaps`, ['analyze', configMaps], configMaps, undefined, options);
    fs.rmSync(configMaps);
    const deployments = path.join(work, 'deployments.yaml');
    writeDocuments(deployments, options.deployments, benchDeployment);
    const output = path.join(work, 'injected.yaml');
    const label = `inject, ${count(options.deployments)} Deployments`;
    const injected = runCli(label, ['inject', '-f', deployments, '-o', output], deployments, output, options);
    return [analyzed, injected];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function runCli(label: string, args: string[], input: string, output: string | undefined, options: ScaleOptions): ScaleResult {
  const inputBytes = fs.statSync(input).size;
  const timed = timeChild(process.execPath, [CLI_RUN_JS, ...args], {}, options.timeoutMs);
  if ('failure' in timed) return { label, inputBytes, failure: timed.failure };
  const report = parseCliRunReport(timed.stderr);
  if (!report) return { label, inputBytes, failure: 'the run printed no report' };
  const outputBytes = output === undefined ? Buffer.byteLength(timed.stdout) : fs.statSync(output).size;
  return { label, inputBytes, outputBytes, wallMs: timed.wallMs, maxRssKb: report.maxRssKb };
}

/** The markdown lines of the scale measurement, with the memory verdicts. */
export function formatScale(results: readonly ScaleResult[]): string[] {
  const mib = (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(0)} MiB`
      : bytes >= 1024
        ? `${(bytes / 1024).toFixed(0)} KiB`
        : `${bytes} bytes`;
  const lines = ['| run | input | output | wall | peak RSS | RSS target <= 1.5 GiB |', '|---|---:|---:|---:|---:|---|'];
  for (const r of results) {
    if (r.failure !== undefined) {
      lines.push(`| ${r.label} | ${mib(r.inputBytes)} | | ${r.failure} | | not measured |`);
      continue;
    }
    const rssKb = r.maxRssKb ?? 0;
    const verdict = rssKb <= SCALE_RSS_TARGET_KB ? 'met' : 'MISSED';
    lines.push(
      `| ${r.label} | ${mib(r.inputBytes)} | ${mib(r.outputBytes ?? 0)} | ${((r.wallMs ?? 0) / 1000).toFixed(1)} s | ${mib(rssKb * 1024)} | ${verdict} |`,
    );
  }
  return lines;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const results = runScaleBench({
    configMaps: value('configmaps', 1_000_000),
    deployments: value('deployments', 200_000),
    timeoutMs: 1_800_000,
  });
  process.stdout.write(`${formatScale(results).join('\n')}\n`);
}
