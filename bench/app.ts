/**
 * One benchmark run: builds the app of one variant with N workloads, synthesizes it into `--outdir` and
 * prints one JSON line (inner timings, peak memory). bench/main.ts starts one fresh process per run.
 *
 *   node lib/bench/app.js --variant plain|webhook|pre-injected|control-plane --n 100 --outdir /tmp/x
 *
 * Every workload is a Deployment with a Service; the workloads are spread over N/10 namespaces (one chart each).
 */
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { MeshNamespace } from '../src/constructs/mesh-namespace';
import { addToMesh, WorkloadInjection } from '../src/constructs/workloads';
import { ChartSource } from '../src/engine/charts/chart-source';
import { InjectionMode } from '../src/model/injection-mode';
import { MeshApp } from '../src/synth/mesh-app';

export const VARIANTS = ['plain', 'webhook', 'pre-injected', 'control-plane'] as const;
export type Variant = (typeof VARIANTS)[number];

/** What one run prints (one JSON line on stdout). */
export interface AppRunResult {
  readonly variant: Variant;
  readonly n: number;
  /** Building the construct tree (includes the chart renders of the control plane). */
  readonly constructMs: number;
  /** app.synth(): validation, collection, checks, layout, writing. */
  readonly synthMs: number;
  /** process.resourceUsage().maxRSS, in kilobytes. */
  readonly maxRssKb: number;
  /** Where the control-plane charts came from (control-plane variant only). */
  readonly charts?: string;
}

/** The repository root, from lib/bench/ (compiled) or bench/ (tests). */
const REPO = path.basename(path.dirname(__dirname)) === 'lib' ? path.join(__dirname, '..', '..') : path.join(__dirname, '..');

/** The charts of the control-plane variant: ISTIO_CHARTS_DIR, else our small fixture charts. */
export function benchChartsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ISTIO_CHARTS_DIR || path.join(REPO, 'test', 'fixtures', 'charts');
}

export interface BenchAppOptions {
  /** Charts of the control-plane variant. @default benchChartsDir() */
  readonly chartsDir?: string;
  /** Render cache of the control-plane variant. @default - the library's default (CDK8S_ISTIO_CACHE_DIR, ...) */
  readonly renderCacheDir?: string;
}

/** The variant's app: N Deployments with a Service each, over N/10 namespaces (one chart per namespace). */
export function buildBenchApp(variant: Variant, n: number, outdir: string, options: BenchAppOptions = {}): App {
  const mesh = variant !== 'plain';
  const app = mesh ? new MeshApp({ outdir }) : new App({ outdir });
  if (variant === 'control-plane') {
    const sources = [ChartSource.localDir(options.chartsDir ?? benchChartsDir())];
    new IstioBase(new Chart(app, 'istio-base'), 'IstioBase', { sources, renderCacheDir: options.renderCacheDir });
    new Istiod(new Chart(app, 'istiod'), 'Istiod', { sources, renderCacheDir: options.renderCacheDir });
  }
  const namespaces = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i++) {
    const nsName = `team-${i % namespaces}`;
    const chart = (app.node.tryFindChild(nsName) as Chart | undefined) ?? namespaceChart(app, nsName, mesh);
    const deployment = new kplus.Deployment(chart, `app-${i}`, {
      metadata: { name: `app-${i}` },
      replicas: 2,
      containers: [
        {
          name: 'app',
          image: `registry.example.com/app-${i}:1.0.${i % 7}`,
          ports: [{ number: 8080, name: 'http' }],
          securityContext: { user: 1000, group: 1000 },
        },
      ],
    });
    deployment.exposeViaService({ name: `app-${i}`, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
    if (variant === 'webhook' || variant === 'control-plane') addToMesh(deployment);
    // No Istiod in this variant: the engine injects with the pinned Istio defaults.
    else if (variant === 'pre-injected') addToMesh(deployment, WorkloadInjection.preInjected({ external: true }));
  }
  return app;
}

function namespaceChart(app: App, name: string, mesh: boolean): Chart {
  const chart = new Chart(app, name, { namespace: name });
  if (mesh) {
    const ns = new MeshNamespace(chart, 'Namespace', { name, injection: InjectionMode.sidecar() });
    ns.requireMtls();
  } else {
    new kplus.Namespace(chart, 'Namespace', { metadata: { name } });
  }
  return chart;
}

function parseArgs(argv: readonly string[]): { variant: Variant; n: number; outdir: string } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0 || i + 1 >= argv.length) throw new Error(`missing --${name}`);
    return argv[i + 1];
  };
  const variant = get('variant') as Variant;
  if (!VARIANTS.includes(variant)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}, got ${variant}`);
  const n = Number(get('n'));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a positive integer, got ${get('n')}`);
  return { variant, n, outdir: get('outdir') };
}

function run(): void {
  const { variant, n, outdir } = parseArgs(process.argv.slice(2));
  const start = performance.now();
  const app = buildBenchApp(variant, n, outdir);
  const built = performance.now();
  app.synth();
  const done = performance.now();
  const result: AppRunResult = {
    variant,
    n,
    constructMs: built - start,
    synthMs: done - built,
    maxRssKb: process.resourceUsage().maxRSS,
    ...(variant === 'control-plane' ? { charts: benchChartsDir() } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) run();
