import { UserError } from '../../errors';
import { controlCharacterErrors } from '../../model/values/control-characters';
import { type KubeObject } from '../k8s/object';
import { type ProcessResult, runProcess } from '../process/runner';
import { parseDocuments } from '../yaml/documents';
import { locateHelm } from './helm-binary';
import { helmErrorLine, helmTimedOut, helmTimeoutMs } from './helm-process';
import { normalizeRendered } from './normalize';
import { attachSourceHeaders, checkRenderedDocuments } from './render-check';
import { defaultRenderCacheDir, helmIdentity, readRenderCache, renderKey, writeRenderCache } from './render-cache';
import { type ResolvedChart } from './resolved-chart';

export interface RenderOptions {
  readonly chart: ResolvedChart;
  readonly release: string;
  /** Always passed to helm: without it helm would take the namespace of the local kube context. */
  readonly namespace: string;
  /** Values given to helm (as a values file on stdin), over the chart's defaults. */
  readonly values: Record<string, unknown>;
  /** Folder of stored renders. @default defaultRenderCacheDir() */
  readonly cacheDir?: string;
  /** How long `helm template` may run, in milliseconds. @default CDK8S_ISTIO_HELM_TIMEOUT seconds, else 120 s */
  readonly timeoutMs?: number;
}

/** A rendered object and the chart template it came from (`templates/<file>`, from helm's `# Source:` line). */
export interface RenderedObject {
  readonly object: KubeObject;
  readonly template: string;
}

/**
 * Renders a chart with `helm template` and returns its objects in helm's order, normalized (see
 * normalizeRendered). The output is checked (see checkRenderedDocuments) and only then stored under a key of
 * everything it depends on, so an unchanged render starts no process at all.
 */
export function renderChart(options: RenderOptions): KubeObject[] {
  return renderChartTemplates(options).map((r) => r.object);
}

/** renderChart, with the template of each object: for callers that keep only some templates (a revision tag). */
export function renderChartTemplates(options: RenderOptions): RenderedObject[] {
  const { chart, release, namespace, values } = options;
  // The constructs report these with every other error; this keeps any other caller from smuggling objects in.
  const unsafe = controlCharacterErrors(chart.name, values)[0];
  if (unsafe) throw new UserError(unsafe);
  const helm = locateHelm();
  const cacheDir = options.cacheDir ?? defaultRenderCacheDir();
  const key = renderKey({ chartDigest: chart.digest, values, release, namespace, helm: helmIdentity(helm) });
  const source = `helm template ${release} (${chart.origin})`;
  let stored = readRenderCache(cacheDir, key);
  if (stored === undefined) {
    const timeoutMs = helmTimeoutMs(options.timeoutMs);
    const args = ['template', release, chart.path, '--namespace', namespace, '--values', '-'];
    const result = runProcess(helm, args, { input: JSON.stringify(values), timeoutMs });
    failIfBroken(result, helm, source, timeoutMs);
    const parsed = parseDocuments(attachSourceHeaders(result.stdout), source, 1, true);
    const templates = checkRenderedDocuments(parsed, chart, values, source);
    stored = { documents: parsed.map((d) => d.value), templates };
    writeRenderCache(cacheDir, key, stored);
  }
  const { templates } = stored;
  return normalizeRendered(stored.documents, namespace, source).map((object, i) => ({ object, template: templates[i] }));
}

function failIfBroken(result: ProcessResult, helm: string, source: string, timeoutMs: number): void {
  if (result.timedOut) throw new UserError(helmTimedOut(source, timeoutMs));
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOBUFS') {
    throw new UserError(`${source} printed more than 256 MiB and was stopped; check the chart and its values`);
  }
  if (result.error) throw new UserError(`could not run ${helm}: ${result.error.message}; set HELM_BIN to a working helm v3.14+ binary`);
  if (result.status !== 0) {
    const reason = helmErrorLine(result.stderr) ?? `exit status ${result.status ?? 'none (killed)'}`;
    // The chart's values.schema.json refused a value (typically one given in extraValues): say what to do.
    const fix = reason.includes("don't meet the specifications of the schema") ? '; correct or remove the values it names' : '';
    throw new UserError(`${source} failed: ${reason}${fix}`);
  }
}
