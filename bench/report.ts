/** The benchmark's results as the markdown block of BENCHMARKS.md (and one line per cell while it runs). */
import * as os from 'os';
import { type InjectBenchResult } from './inject';
import { formatScale, type ScaleResult } from './scale';

export const TARGETS = {
  exampleWallMs: 3000,
  webhookRatio: 1.3,
  preInjectedRatio: 2.0,
  preInjectedWallMs: 10_000,
  controlPlaneWarmMs: 100,
};

/** The N the c-wall target applies to (larger N are measured for the ratios). */
const PRE_INJECTED_WALL_N = 1000;

/** One table row: a variant (and cache state) at one N. */
export interface Cell {
  readonly label: string;
  /** Workloads; undefined for the example app. */
  readonly n: number | undefined;
  readonly runs: number;
  readonly wallMs?: number;
  readonly innerMs?: number;
  readonly maxRssKb?: number;
  readonly outputBytes?: number;
  /** Why there are no numbers (the run failed or timed out). */
  readonly failure?: string;
}

export interface Report {
  readonly cells: readonly Cell[];
  readonly example: Cell;
  readonly inject: InjectBenchResult;
  /** Undefined when the scale runs were skipped (--no-scale). */
  readonly scale: readonly ScaleResult[] | undefined;
  readonly charts: string;
  readonly sizes: readonly number[];
}

/** The markdown that goes between the markers of BENCHMARKS.md (and to stdout). */
export function renderReport(r: Report): string {
  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${gib(os.totalmem())} GiB memory, ${os.type()} ${os.release()}, ` +
      `node ${process.version}; run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at the end ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}.`,
    `Control-plane charts: ${r.charts}.`,
    '',
    'Wall = whole `node` process (start-up, construction, synth, write), median of the runs. Inner = app construction + ' +
      'app.synth() inside the process. Memory = process.resourceUsage().maxRSS of the child. Output = bytes written.',
    '',
    '| N | variant | runs | wall | inner | peak RSS | output |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...r.cells.map((c) => tableRow(c)),
    tableRow(r.example),
    '',
    ...ratioLines(r),
    '',
    `Injection engine (bench/inject.ts, in-process): ${r.inject.documents} Deployments, median of ${r.inject.runs} runs: ` +
      `injection ${r.inject.injectMs.toFixed(1)} ms (${rate(r.inject.injectDocsPerSecond)}), parse + stringify ` +
      `${r.inject.roundTripMs.toFixed(1)} ms (${rate(r.inject.roundTripDocsPerSecond)}), ratio ${r.inject.ratio.toFixed(2)}x ` +
      `(target <= ${r.inject.targetRatio}x: ${r.inject.withinTarget ? 'met' : 'NOT met'}).`,
    '',
    ...(r.scale
      ? ['The CLI at scale (bench/scale.ts: one process per run, input generated beforehand, one file each):', '', ...formatScale(r.scale)]
      : ['The CLI at scale: not measured (--no-scale).']),
  ];
  return lines.join('\n');
}

function tableRow(c: Cell): string {
  const n = c.n === undefined ? '-' : String(c.n);
  if (c.failure !== undefined) return `| ${n} | ${c.label} | ${c.runs} | ${c.failure} | | | |`;
  return (
    `| ${n} | ${c.label} | ${c.runs} | ${ms(c.wallMs)} | ${ms(c.innerMs)} | ${c.maxRssKb === undefined ? '' : `${(c.maxRssKb / 1024).toFixed(0)} MiB`} ` +
    `| ${c.outputBytes === undefined ? '' : bytes(c.outputBytes)} |`
  );
}

/** Ratios to the plain variant at every N, and the targets with their verdicts. */
function ratioLines(r: Report): string[] {
  const at = (label: string, n: number) => r.cells.find((c) => c.label === label && c.n === n);
  const ratio = (x: number | undefined, y: number | undefined) => (x !== undefined && y !== undefined && y > 0 ? x / y : undefined);
  const lines = [
    '| N | b/a wall | b/a inner | c/a wall | c/a inner | d warm - b (wall) | d warm - b (inner) | d cold - b (wall) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of r.sizes) {
    const a = at('a plain', n);
    const b = at('b webhook', n);
    const c = at('c pre-injected', n);
    const warm = at('d control plane, warm', n);
    const cold = at('d control plane, cold', n);
    lines.push(
      `| ${n} | ${x(ratio(b?.wallMs, a?.wallMs))} | ${x(ratio(b?.innerMs, a?.innerMs))} | ${x(ratio(c?.wallMs, a?.wallMs))} ` +
        `| ${x(ratio(c?.innerMs, a?.innerMs))} | ${diff(warm?.wallMs, b?.wallMs)} | ${diff(warm?.innerMs, b?.innerMs)} | ${diff(cold?.wallMs, b?.wallMs)} |`,
    );
  }
  const big = r.sizes.reduce((m, n) => Math.max(m, n), 0);
  const a = at('a plain', big);
  const b = at('b webhook', big);
  const c = at('c pre-injected', big);
  const cWall = at('c pre-injected', PRE_INJECTED_WALL_N);
  // The control plane's own cost shows best at the smallest N, where the rest of the app adds the least noise,
  // and inside the process: both variants load the same modules, so the wall difference adds only start-up noise.
  const small = r.sizes.reduce((m, n) => Math.min(m, n), Infinity);
  const warm = at('d control plane, warm', small);
  const base = at('b webhook', small);
  const warmCost = warm?.innerMs !== undefined && base?.innerMs !== undefined ? warm.innerMs - base.innerMs : undefined;
  return [
    ...lines,
    '',
    'Targets (this machine; wall time unless marked inner):',
    '',
    target(
      `example app synth, warm cache${r.example.failure ? ` (${r.example.failure})` : ''}`,
      r.example.wallMs,
      TARGETS.exampleWallMs,
      'ms',
    ),
    target(`b/a at N = ${big}`, ratio(b?.wallMs, a?.wallMs), TARGETS.webhookRatio, 'x'),
    target(`c/a at N = ${big}`, ratio(c?.wallMs, a?.wallMs), TARGETS.preInjectedRatio, 'x'),
    target(`c wall at N = ${PRE_INJECTED_WALL_N}`, cWall?.wallMs, TARGETS.preInjectedWallMs, 'ms'),
    target(
      `warm-cache control plane, d warm - b at N = ${small}, inner (wall: ${diff(warm?.wallMs, base?.wallMs)})`,
      warmCost,
      TARGETS.controlPlaneWarmMs,
      'ms',
    ),
  ];
}

function target(what: string, value: number | undefined, limit: number, unit: 'ms' | 'x'): string {
  const show = (v: number) => (unit === 'ms' ? ms(v) : `${v.toFixed(2)}x`);
  if (value === undefined) return `- ${what}: target ${show(limit)}: not measured`;
  const verdict = value <= limit ? 'met' : `MISSED by ${unit === 'ms' ? ms(value - limit) : `${(value - limit).toFixed(2)}x`}`;
  return `- ${what}: ${show(value)}, target <= ${show(limit)}: ${verdict}`;
}

/** One line per cell, printed while the benchmark runs. */
export function formatCellLine(c: Cell): string {
  const head = `${c.label.padEnd(22)} N=${String(c.n ?? '-').padEnd(5)}`;
  if (c.failure !== undefined) return `${head} ${c.failure}`;
  return (
    `${head} wall ${ms(c.wallMs).padStart(9)}  inner ${ms(c.innerMs).padStart(9)}  rss ${c.maxRssKb === undefined ? '-' : `${(c.maxRssKb / 1024).toFixed(0)} MiB`}` +
    `  out ${c.outputBytes === undefined ? '-' : bytes(c.outputBytes)}  (${c.runs} runs)`
  );
}

function ms(v: number | undefined): string {
  if (v === undefined) return '';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

function x(v: number | undefined): string {
  return v === undefined ? '' : `${v.toFixed(2)}x`;
}

function diff(v: number | undefined, base: number | undefined): string {
  return v === undefined || base === undefined ? '' : `${v - base >= 0 ? '+' : ''}${Math.round(v - base)} ms`;
}

function bytes(v: number): string {
  return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(1)} MiB` : `${(v / 1024).toFixed(0)} KiB`;
}

function gib(v: number): string {
  return (v / 1024 ** 3).toFixed(1);
}

function rate(v: number): string {
  return `${Math.round(v).toLocaleString('en-US')} docs/s`;
}
