/**
 * Manual check (not a test): the objects IstioBase and Istiod produce equal `helm template` of the real charts,
 * object for object and field for field, with only the documented normalizations (namespace, divisor).
 * Also compares with the reference renders in ../shared/reference/istio-<version>/ when present.
 *
 *   ISTIO_CHARTS_DIR=/path/to/istio-1.30.3/manifests/charts npm run build && node lib/bench/control-plane-equality.js
 *
 * Exits non-zero when anything differs beyond the listed normalizations.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { ChartSource } from '../src/engine/charts/chart-source';
import { locateHelm } from '../src/engine/charts/helm-binary';
import { isRecord, type KubeObject } from '../src/engine/k8s/object';
import { runProcess } from '../src/engine/process/runner';
import { parseDocuments } from '../src/engine/yaml/documents';

/** One comparison: a construct built into `chart` against `helm template` of the same chart and values. */
export interface Case {
  readonly name: string;
  readonly chartDir: string;
  readonly release: string;
  /** Namespace given to helm. @default 'istio-system' */
  readonly namespace?: string;
  readonly helmArgs: readonly string[];
  /** File name of the reference render of the same values, if there is one. */
  readonly reference?: string;
  readonly build: (chart: Chart, sources: ChartSource[], cacheDir: string) => void;
}

function main(): void {
  const charts = process.env.ISTIO_CHARTS_DIR;
  if (!charts) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  // Run from the repository root; the shared reference renders sit next to it.
  const referenceDir = path.join(process.cwd(), '..', 'shared', 'reference', 'istio-1.30.3');
  // helm template makes no Namespace (`--create-namespace` is install-only), so the constructs create none either.
  const cases: Case[] = [
    {
      name: 'base',
      chartDir: path.join(charts, 'base'),
      release: 'istio-base',
      helmArgs: [],
      reference: 'base.default.yaml',
      build: (chart, sources, cacheDir) => new IstioBase(chart, 'Base', { sources, renderCacheDir: cacheDir, createNamespace: false }),
    },
    {
      name: 'base defaultRevision=canary',
      chartDir: path.join(charts, 'base'),
      release: 'istio-base',
      helmArgs: ['--set', 'defaultRevision=canary'],
      reference: 'base.defaultRevision-canary.yaml',
      build: (chart, sources, cacheDir) =>
        new IstioBase(chart, 'Base', { sources, renderCacheDir: cacheDir, createNamespace: false, values: { defaultRevision: 'canary' } }),
    },
    {
      name: 'istiod',
      chartDir: path.join(charts, 'istio-control', 'istio-discovery'),
      release: 'istiod',
      helmArgs: ['--set', 'global.hub=docker.io/istio', '--set', 'global.tag=1.30.3'],
      reference: 'istiod.default.yaml',
      build: (chart, sources, cacheDir) => new Istiod(chart, 'Istiod', { sources, renderCacheDir: cacheDir, createNamespace: false }),
    },
    // The reference render of the canary used the release name istiod-canary.
    {
      name: 'istiod revision=canary',
      chartDir: path.join(charts, 'istio-control', 'istio-discovery'),
      release: 'istiod-canary',
      helmArgs: ['--set', 'global.hub=docker.io/istio', '--set', 'global.tag=1.30.3', '--set', 'revision=canary'],
      reference: 'istiod.revision-canary.yaml',
      build: (chart, sources, cacheDir) =>
        new Istiod(chart, 'Istiod', {
          sources,
          renderCacheDir: cacheDir,
          createNamespace: false,
          revision: 'canary',
          releaseName: 'istiod-canary',
        }),
    },
  ];
  process.exitCode = runCases(cases, charts, referenceDir) ? 1 : 0;
}

/**
 * Builds each case against the charts in `charts`, compares it with `helm template` and, when present, with its
 * reference render in `referenceDir`; prints a report. Returns true when anything differs beyond the normalizations.
 */
export function runCases(cases: readonly Case[], charts: string, referenceDir: string): boolean {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'equality-'));
  let failed = false;
  try {
    for (const c of cases) {
      const chart = new Chart(Testing.app(), 'c');
      c.build(chart, [ChartSource.localDir(charts)], cacheDir);
      const ours = Testing.synth(chart) as KubeObject[];
      const helm = helmTemplate(c);
      const report = compare(ours, helm);
      console.log(
        `${c.name}: ${ours.length} objects ours, ${helm.length} from helm template; ${report.every((l) => l.startsWith('normalized:')) ? 'equal' : 'DIFFERENT'}`,
      );
      for (const line of report) console.log(`  ${line}`);
      failed ||= report.some((l) => !l.startsWith('normalized:'));
      if (!c.reference) continue;
      const referenceFile = path.join(referenceDir, c.reference);
      if (fs.existsSync(referenceFile)) {
        const reference = parseDocuments(fs.readFileSync(referenceFile, 'utf-8'), referenceFile).map((d) => d.value as KubeObject);
        const refReport = compare(ours, reference);
        const refDiffers = refReport.filter((l) => !l.startsWith('normalized:')).length;
        console.log(`  vs ${c.reference}: ${refDiffers === 0 ? 'equal' : `${refDiffers} difference(s)`}`);
        for (const line of refReport.slice(0, 20)) console.log(`    ${line}`);
      } else {
        console.log(`  (no reference render at ${referenceFile}; skipped)`);
      }
    }
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  return failed;
}

function helmTemplate(c: Case): KubeObject[] {
  const namespace = c.namespace ?? 'istio-system';
  const result = runProcess(locateHelm(), ['template', c.release, c.chartDir, '--namespace', namespace, ...c.helmArgs]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseDocuments(result.stdout, `helm template ${c.name}`).map((d) => d.value as KubeObject);
}

/** Differences between two object lists, matched by apiVersion/kind/namespace/name. */
export function compare(ours: readonly KubeObject[], theirs: readonly KubeObject[]): string[] {
  const key = (o: KubeObject) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const byKey = new Map(theirs.map((o) => [key(o), o]));
  const out: string[] = [];
  for (const o of ours) {
    const other = byKey.get(key(o)) ?? byKey.get(key({ ...o, metadata: { ...o.metadata, namespace: undefined } }));
    if (!other) {
      out.push(`only ours: ${key(o)}`);
      continue;
    }
    byKey.delete(key(other));
    if (!other.metadata.namespace && o.metadata.namespace) out.push(`normalized: ${key(o)} metadata.namespace filled in`);
    diff(o, other, '', (p, a, b) => {
      if (p.endsWith('resourceFieldRef.divisor') && a === '0' && b === undefined) out.push(`normalized: ${key(o)} ${p} filled in`);
      // cdk8s writes no nulls and no empty metadata.annotations: the same object to the API server.
      else if (a === undefined && (b === null || (p === '.metadata.annotations' && isRecord(b) && Object.keys(b).length === 0)))
        out.push(`normalized: ${key(o)} ${p} left out (${JSON.stringify(b)})`);
      else if (!(p === '.metadata.namespace' && b === undefined)) out.push(`${key(o)} ${p}: ours ${short(a)}, theirs ${short(b)}`);
    });
  }
  for (const k of byKey.keys()) out.push(`only theirs: ${k}`);
  return out;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function diff(a: unknown, b: unknown, at: string, report: (path: string, a: unknown, b: unknown) => void): void {
  if (isRecord(a) && isRecord(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], `${at}.${k}`, report);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diff(x, b[i], `${at}[${i}]`, report));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    report(at, a, b);
  }
}

if (require.main === module) main();
