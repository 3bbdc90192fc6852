import { UserError } from '../../errors';
import { type KubeObject } from '../k8s/object';
import { runProcess } from '../process/runner';
import { parseDocuments } from '../yaml/documents';
import { HelmNotFoundError, locateHelm } from './helm-binary';
import { normalizeRendered } from './normalize';
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
}

/**
 * Renders a chart with `helm template` and returns its objects in helm's order, normalized (see
 * normalizeRendered). The output is stored under a key of everything it depends on, so an unchanged
 * render starts no process at all.
 */
export function renderChart(options: RenderOptions): KubeObject[] {
  const { chart, release, namespace, values } = options;
  const helm = findHelm();
  const cacheDir = options.cacheDir ?? defaultRenderCacheDir();
  const key = renderKey({ chartDigest: chart.digest, values, release, namespace, helm: helmIdentity(helm) });
  const source = `helm template ${release} (${chart.origin})`;
  let documents = readRenderCache(cacheDir, key);
  if (documents === undefined) {
    const args = ['template', release, chart.path, '--namespace', namespace, '--values', '-'];
    const result = runProcess(helm, args, { input: JSON.stringify(values) });
    if (result.error) throw new UserError(`could not run ${helm}: ${result.error.message}`);
    if (result.status !== 0) {
      throw new UserError(`${source} failed: ${result.stderr.trim().replace(/^Error: /, '') || `exit status ${result.status}`}`);
    }
    documents = parseDocuments(result.stdout, source).map((d) => d.value);
    writeRenderCache(cacheDir, key, documents);
  }
  return normalizeRendered(documents, namespace, source);
}

function findHelm(): string {
  try {
    return locateHelm();
  } catch (error) {
    if (error instanceof HelmNotFoundError) throw new UserError(error.message);
    throw error;
  }
}
