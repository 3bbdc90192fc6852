/**
 * Injection throughput against a plain YAML round trip of the same stream.
 * Run alone with `npm run build && node lib/bench/inject.js`, or call runInjectBench() from a driver.
 */
import { buildInjectionSettings, injectYaml } from '../src/engine/injection';
import { parseDocuments, stringifyDocuments } from '../src/engine/yaml/documents';
import { median } from './child';

export interface InjectBenchOptions {
  /** Deployments in the stream. @default 1000 */
  readonly documents?: number;
  /** Timed runs of each side; the median counts. @default 5 */
  readonly runs?: number;
}

export interface InjectBenchResult {
  readonly documents: number;
  readonly runs: number;
  /** Median wall time of one injectYaml call over the whole stream. */
  readonly injectMs: number;
  /** Median wall time of parseDocuments + stringifyDocuments over the same stream. */
  readonly roundTripMs: number;
  readonly injectDocsPerSecond: number;
  readonly roundTripDocsPerSecond: number;
  /** injectMs / roundTripMs: how many round trips one injection costs. */
  readonly ratio: number;
  /** The goal: injection costs at most this many round trips. */
  readonly targetRatio: number;
  readonly withinTarget: boolean;
}

const TARGET_RATIO = 2;

/** Measures both sides in the same process, after one warm-up run of each. */
export async function runInjectBench(options: InjectBenchOptions = {}): Promise<InjectBenchResult> {
  const documents = options.documents ?? 1000;
  const runs = options.runs ?? 5;
  const text = deploymentStream(documents);
  const settings = buildInjectionSettings();
  const inject = () => {
    injectYaml(text, settings, 'bench.yaml');
  };
  const roundTrip = () => {
    stringifyDocuments(parseDocuments(text, 'bench.yaml').map((d) => d.value));
  };

  inject();
  roundTrip();
  const injectMs = median(await timeRuns(inject, runs));
  const roundTripMs = median(await timeRuns(roundTrip, runs));
  const ratio = injectMs / roundTripMs;
  return {
    documents,
    runs,
    injectMs,
    roundTripMs,
    injectDocsPerSecond: documents / (injectMs / 1000),
    roundTripDocsPerSecond: documents / (roundTripMs / 1000),
    ratio,
    targetRatio: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
  };
}

/** The stream: varied Deployments with ports, probes and some injection annotations. */
export function deploymentStream(count: number): string {
  const docs = [];
  for (let i = 0; i < count; i++) docs.push(benchDeployment(i));
  return stringifyDocuments(docs);
}

/** Deployment number `i` of the stream, over 10 namespaces; every third and fifth carries an annotation. */
export function benchDeployment(i: number): Record<string, unknown> {
  const name = `app-${i}`;
  const annotations: Record<string, string> = {};
  if (i % 3 === 0) annotations['traffic.sidecar.istio.io/excludeOutboundPorts'] = '5432';
  if (i % 5 === 0) annotations['sidecar.istio.io/proxyCPU'] = '50m';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: `team-${i % 10}`, labels: { app: name } },
    spec: {
      replicas: 1 + (i % 3),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, version: `v${1 + (i % 2)}` }, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example.com/${name}:1.${i % 7}`,
              ports: [
                { name: 'http', containerPort: 8080 },
                { name: 'metrics', containerPort: 9090 },
              ],
              readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: { port: 'http' } },
              env: [{ name: 'INDEX', value: String(i) }],
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

async function timeRuns(run: () => void, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
    // Yield between runs so a driver's timers and I/O are not starved.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return times;
}

/** The result as the lines a person reads. */
export function formatInjectBench(r: InjectBenchResult): string {
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} docs/s`;
  return [
    `inject: ${r.documents} Deployments, median of ${r.runs} runs after warm-up`,
    `  injection   ${r.injectMs.toFixed(1)} ms  ${rate(r.injectDocsPerSecond)}`,
    `  round trip  ${r.roundTripMs.toFixed(1)} ms  ${rate(r.roundTripDocsPerSecond)}`,
    `  ratio       ${r.ratio.toFixed(2)}x (target <= ${r.targetRatio}x: ${r.withinTarget ? 'met' : 'NOT met'})`,
  ].join('\n');
}

if (require.main === module) {
  runInjectBench().then(
    (result) => {
      process.stdout.write(`${formatInjectBench(result)}\n`);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
