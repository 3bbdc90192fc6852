import {
  ApiObject,
  type ApiObjectProps,
  App,
  Chart,
  type Duration,
  ImplicitTokenResolver,
  JsonPatch,
  LazyResolver,
  NumberStringUnionResolver,
} from 'cdk8s';
import { type Construct } from 'constructs';
import { ChartSource, type IstioChartName } from '../../engine/charts/chart-source';
import { chartValueKeys, unreadValuePaths } from '../../engine/charts/chart-values';
import { type ResolvedChart } from '../../engine/charts/resolved-chart';
import { type RenderedObject, renderChartTemplates } from '../../engine/charts/render';
import { resolveChart } from '../../engine/charts/resolve';
import { type KubeObject } from '../../engine/k8s/object';
import { YamlParseError } from '../../engine/yaml/documents';
import { isUserFacing } from '../../errors';
import { addSynthWarning } from '../../core/warnings';
import { ISTIO_VERSION } from '../../model/values/version';

/**
 * Props every chart construct shares: where the chart comes from and how it is rendered. The gateways have their own
 * `namespace` and `name` instead of `namespace` and `releaseName`.
 */
export interface ChartRenderProps {
  /**
   * Namespace the chart is rendered into (always passed to helm explicitly).
   * @default 'istio-system'
   */
  readonly namespace?: string;
  /**
   * Helm release name; appears in labels.
   * @default 'istio-base' for IstioBase, 'istiod' for Istiod and RevisionTag, 'istio-cni' for IstioCni, 'ztunnel'
   * for Ztunnel
   */
  readonly releaseName?: string;
  /**
   * Istio release to render: the chart version looked for in every source (a local folder must carry it, or
   * 1.0.0 as Istio's source tree does). Istiod's image tag follows it.
   * @default '1.30.3'
   */
  readonly version?: string;
  /**
   * Where to find the chart, tried in order.
   * @default - `ISTIO_CHARTS_DIR` when set, then the official Helm repository (downloaded once, then cached)
   */
  readonly sources?: readonly ChartSource[];
  /**
   * Folder that stores rendered charts, so an unchanged chart is not rendered again.
   * @default - `<cache root>/renders`, the cache root being CDK8S_ISTIO_CACHE_DIR or node_modules/.cache/cdk8s-istio
   */
  readonly renderCacheDir?: string;
  /**
   * How long each helm process for this chart (`helm pull` of an OCI source, `helm template`) may run before it
   * is stopped and synth reports it.
   * @default - `CDK8S_ISTIO_HELM_TIMEOUT` seconds when set, else 2 minutes
   */
  readonly renderTimeout?: Duration;
}

export interface RenderRequest {
  readonly chart: IstioChartName;
  readonly version: string;
  readonly sources: readonly ChartSource[];
  readonly release: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  readonly cacheDir?: string;
  /** Limit for each helm process. @default see ChartRenderProps.renderTimeout */
  readonly renderTimeout?: Duration;
  /**
   * The values the user wrote, checked against what a chart of another release than ISTIO_VERSION reads (the
   * typed values describe ISTIO_VERSION's charts): a typed key it does not read is an error, an extra one a warning.
   * @default - not checked
   */
  readonly userValues?: { readonly typed?: object; readonly extra?: Record<string, unknown> };
  /** Warnings about the values that need the resolved chart to find (IstioCni: values its profile files override). */
  readonly valueWarnings?: (chart: ResolvedChart) => readonly string[];
}

/** A render request whose sources may be left to the defaults (ChartSource.defaults() at render time). */
export type ChartRequest = Omit<RenderRequest, 'sources'> & { readonly sources?: readonly ChartSource[] };

/**
 * Renders the chart unless `errors` already holds input errors, adds its objects to `scope`, and registers
 * every error as a validation of `scope` (so MeshApp.synth() reports them all at once). Returns the objects.
 */
export function renderInto(scope: Construct, request: ChartRequest, errors: string[]): KubeObject[] {
  scope.node.addValidation({ validate: () => errors });
  const warnings: string[] = [];
  const sources = request.sources ?? ChartSource.defaults();
  const rendered = errors.length > 0 ? [] : renderOrRecord({ ...request, sources }, errors, warnings);
  for (const warning of warnings) addSynthWarning(scope, warning);
  addApiObjects(scope, rendered, errors);
  return rendered;
}

/**
 * Renders a chart and returns its objects, or records why it could not as a validation error
 * (so MeshApp.synth() reports it with every other error) and returns []. `warnings` receives the extra values
 * the chart does not read (see RenderRequest.userValues).
 */
export function renderOrRecord(request: RenderRequest, errors: string[], warnings: string[] = []): KubeObject[] {
  return renderTemplatesOrRecord(request, errors, warnings).map((r) => r.object);
}

/** renderOrRecord, with the chart template of each object (see renderChartTemplates). */
export function renderTemplatesOrRecord(request: RenderRequest, errors: string[], warnings: string[] = []): RenderedObject[] {
  try {
    const timeoutMs = request.renderTimeout?.toMilliseconds();
    const chart = resolveChart(request.chart, request.version, request.sources, { helmTimeoutMs: timeoutMs });
    const unread = unreadUserValues(chart, request);
    warnings.push(...unread.warnings, ...(request.valueWarnings?.(chart) ?? []));
    if (unread.errors.length > 0) {
      errors.push(...unread.errors);
      return [];
    }
    return renderChartTemplates({
      chart,
      release: request.release,
      namespace: request.namespace,
      values: request.values,
      cacheDir: request.cacheDir,
      timeoutMs,
    });
  } catch (error) {
    if (!isUserFacing(error) && !(error instanceof YamlParseError)) throw error;
    errors.push(error.message);
    return [];
  }
}

/** The user's values a chart of another release than ISTIO_VERSION does not read, as errors (typed) and warnings (extra). */
function unreadUserValues(chart: ResolvedChart, request: RenderRequest): { errors: string[]; warnings: string[] } {
  const user = request.userValues;
  if (!user || request.version === ISTIO_VERSION) return { errors: [], warnings: [] };
  const keys = chartValueKeys(chart);
  const where = `chart ${chart.name} ${chart.version} (${chart.origin})`;
  const unread = (values: object | undefined): string[] => (values ? unreadValuePaths(keys, values as Record<string, unknown>) : []);
  return {
    errors: unread(user.typed).map(
      (p) =>
        `values.${p} is not read by ${where} (the typed values follow Istio ${ISTIO_VERSION}): ` +
        `remove it, or render version ${ISTIO_VERSION}`,
    ),
    warnings: unread(user.extra).map((p) => `extraValues.${p} is not read by ${where}, so helm ignores it: remove it or fix its path`),
  };
}

/**
 * Adds one ApiObject per rendered object, with an id from kind and name (plus namespace if that repeats).
 * An object rendered twice is recorded as an error and added once.
 * Cluster-scoped objects keep no namespace even inside a Chart that has one.
 */
export function addApiObjects(scope: Construct, objects: readonly KubeObject[], errors: string[]): void {
  const chartNamespace = Chart.of(scope).namespace;
  const seen = new Set<string>();
  for (const obj of objects) {
    const identity = [obj.apiVersion, obj.kind, obj.metadata.namespace ?? '', obj.metadata.name ?? ''].join('/');
    if (seen.has(identity)) {
      errors.push(`the chart rendered ${obj.kind} ${obj.metadata.name} twice; fix the chart or the values that duplicate it`);
      continue;
    }
    seen.add(identity);
    const id = uniqueId(scope, obj);
    const apiObject = new RenderedApiObject(scope, id, obj);
    if (chartNamespace && !obj.metadata.namespace) apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/** cdk8s's own resolvers: none of them changes plain JSON data. */
const BUILT_IN_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/**
 * An ApiObject of rendered chart output. Helm output is plain JSON data (no Lazy values, no tokens), so unless the
 * app has resolvers of its own, its body skips cdk8s's resolve, which visits every value of the control-plane objects
 * (~25 ms per synth). The JSON is the same as ApiObject.toJson gives: metadata through cdk8s (constructs
 * may add labels to it), keys sorted, nulls dropped, JSON patches applied, apiVersion/kind/metadata first.
 */
class RenderedApiObject extends ApiObject {
  private readonly jsonPatches: JsonPatch[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly rendered: KubeObject,
  ) {
    super(scope, id, rendered as ApiObjectProps);
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.jsonPatches.push(...ops);
  }

  public toJson(): Record<string, unknown> {
    const resolvers = App.of(this).resolvers;
    if (!resolvers.every((r) => BUILT_IN_RESOLVERS.some((builtIn) => r instanceof builtIn))) return super.toJson();
    const patched: Record<string, unknown> = JsonPatch.apply(
      sortedCopy({ ...this.rendered, metadata: this.metadata.toJson() }),
      ...this.jsonPatches,
    );
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
      if (key in patched) result[key] = patched[key];
    }
    return result;
  }
}

/** A deep copy with object keys sorted and null values dropped, as cdk8s's sanitizeValue makes it. */
function sortedCopy(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

function uniqueId(scope: Construct, obj: KubeObject): string {
  const name = obj.metadata.name ?? 'unnamed';
  const candidates = [
    `${obj.kind}-${name}`,
    `${obj.kind}-${obj.metadata.namespace ?? ''}-${name}`,
    `${obj.apiVersion.replace(/\//g, '.')}-${obj.kind}-${obj.metadata.namespace ?? ''}-${name}`,
  ];
  // The last candidate is unique: the identity check above rules out a full repeat.
  return candidates.find((c) => !scope.node.tryFindChild(c)) ?? candidates[candidates.length - 1];
}
