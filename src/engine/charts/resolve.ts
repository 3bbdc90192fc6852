import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { UserError } from '../../errors';
import { isRecord } from '../k8s/object';
import { HelmNotFoundError, locateHelm } from './helm-binary';
import { type ChartSource, type IstioChartName, LOCAL_CHART_PATHS } from './chart-source';
import { checkChartVersion } from './chart-version';
import { chartDigest } from './digest';
import { helmTimeoutMs } from './helm-process';
import { localChartFacts } from './local-chart-facts';
import { chartFromOci } from './oci';
import { redactUrl } from './redact-url';
import { chartFromRepository } from './repository';
import { type ResolvedChart, type SourceAttempt } from './resolved-chart';

/** The version Istio's source tree gives its charts; release archives replace it with the real one. */
const UNRELEASED_VERSION = '1.0.0';

export interface ResolveOptions {
  /** How long `helm pull` may run, in milliseconds. @default CDK8S_ISTIO_HELM_TIMEOUT seconds, else 120 s */
  readonly helmTimeoutMs?: number;
}

/**
 * Finds a chart by trying each source in order. Fails with one message naming the chart, the version,
 * every place looked at (and why each did not work) and how to fix it.
 */
export function resolveChart(
  name: IstioChartName,
  version: string,
  sources: readonly ChartSource[],
  options: ResolveOptions = {},
): ResolvedChart {
  checkChartVersion(version);
  const looked: string[] = [];
  for (const source of sources) {
    const attempt = trySource(source, name, version, options);
    if ('chart' in attempt) return attempt.chart;
    looked.push(attempt.looked);
  }
  throw new UserError(
    `istio chart '${name}' version ${version} not found (looked at: ${looked.join('; ')}); ` +
      'fix: set ISTIO_CHARTS_DIR to the manifests/charts folder of an unpacked Istio release ' +
      `(e.g. istio-${version}/manifests/charts), or pass sources: [ChartSource.localDir(...)] / ChartSource.oci(...), ` +
      'or allow one download from the Helm repository (it is cached for later runs)',
  );
}

function trySource(source: ChartSource, name: IstioChartName, version: string, options: ResolveOptions): SourceAttempt {
  const spec = source.spec;
  switch (spec.kind) {
    case 'localDir': {
      const dir = path.join(spec.dir, LOCAL_CHART_PATHS[name]);
      const chartFile = path.join(dir, 'Chart.yaml');
      if (!fs.existsSync(chartFile)) return { looked: `${dir} (no Chart.yaml)` };
      const { version: found, digest } = localChartFacts(dir, () => ({ version: chartVersion(chartFile), digest: chartDigest(dir) }));
      if (found === undefined) return { looked: `${chartFile} (not valid YAML with a version)` };
      if (found !== version && found !== UNRELEASED_VERSION) {
        return { looked: `${dir} (chart version ${found}, not ${version}; set the construct's version to ${found} to use it)` };
      }
      return { chart: { name, version, path: dir, digest, origin: dir } };
    }
    case 'oci': {
      let helm: string;
      try {
        helm = locateHelm();
      } catch (error) {
        if (error instanceof HelmNotFoundError) return { looked: `${redactUrl(spec.ref)}/${name} (${error.message})` };
        throw error;
      }
      return chartFromOci(spec, name, version, helm, helmTimeoutMs(options.helmTimeoutMs));
    }
    case 'repository':
      return chartFromRepository(spec, name, version);
  }
}

function chartVersion(chartFile: string): string | undefined {
  try {
    const chart: unknown = parse(fs.readFileSync(chartFile, 'utf-8'), { schema: 'failsafe' });
    return isRecord(chart) && typeof chart.version === 'string' ? chart.version : undefined;
  } catch {
    return undefined;
  }
}
