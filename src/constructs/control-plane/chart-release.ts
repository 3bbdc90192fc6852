// What every chart construct (IstioBase, Istiod, IstioCni, Ztunnel, the gateways) does alike, in one place: its
// namespace (created or not, never one Kubernetes owns), the render request built from its props, the render into
// the construct with every error as a validation, and objects(). What differs (defaults, values, their checks, the
// public fields) stays in each construct.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { brandMeshChart, type IMeshChart, meshProfileConflicts } from '../../core/mesh-profile';
import { ChartSource, type IstioChartName } from '../../engine/charts/chart-source';
import { type KubeObject } from '../../engine/k8s/object';
import { brand } from '../../model/brand';
import { type ExtraValues } from '../../model/values/common';
import { validateNames } from '../../model/values/validate';
import { ISTIO_VERSION } from '../../model/values/version';
import { addReleaseNamespace, resolveCreateNamespace } from './namespace';
import { addApiObjects, type ChartRenderProps, type ChartRequest, renderInto, renderOrRecord } from './rendered-chart';

/** The props of a chart construct that go into its render request as they are. */
export interface ReleaseRenderProps extends Omit<ChartRenderProps, 'namespace' | 'releaseName'> {
  readonly values?: object;
  readonly extraValues?: ExtraValues;
}

/** What a chart construct decided before it renders. */
export interface ReleaseSpec {
  readonly chart: IstioChartName;
  readonly release: string;
  /** The full values given to helm. */
  readonly values: Record<string, unknown>;
  /** Problems of the names and values: any of them stops the render. */
  readonly errors: readonly string[];
  /** See RenderRequest.valueWarnings. */
  readonly valueWarnings?: ChartRequest['valueWarnings'];
}

/** A construct that renders one Istio chart release into a namespace it may create. */
export abstract class ChartRelease extends Construct {
  /** Namespace the chart is rendered into. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere, or is one Kubernetes creates (kube-system, ...). */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** Why `createNamespace` cannot be as given: stops every render. */
  private readonly namespaceErrors: readonly string[];
  /** What the construct's validation reports: the input errors, then the render's. */
  private readonly errors: string[] = [];
  private rendered: readonly KubeObject[] = [];

  /** Adds the Namespace object first (see addReleaseNamespace), so it comes before the chart's objects. */
  protected constructor(scope: Construct, id: string, namespace: string, createNamespace: boolean | undefined) {
    super(scope, id);
    this.namespace = namespace;
    const create = resolveCreateNamespace(namespace, createNamespace);
    this.createNamespace = create.value;
    this.namespaceErrors = create.errors;
    this.namespaceObject = addReleaseNamespace(this);
  }

  /** Copies of every rendered object, in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
  }

  /** The rendered objects themselves, for the construct's own reads. */
  protected get renderedObjects(): readonly KubeObject[] {
    return this.rendered;
  }

  /**
   * Renders the chart into this construct unless its namespace or `spec.errors` has a problem, and reports every
   * error as a validation (see renderInto). Call once, from the constructor. Returns the request it rendered.
   */
  protected renderRelease(spec: ReleaseSpec, props: ReleaseRenderProps): ChartRequest {
    const request: ChartRequest = {
      chart: spec.chart,
      version: props.version ?? ISTIO_VERSION,
      sources: props.sources,
      release: spec.release,
      namespace: this.namespace,
      values: spec.values,
      cacheDir: props.renderCacheDir,
      renderTimeout: props.renderTimeout,
      userValues: { typed: props.values, extra: props.extraValues },
      valueWarnings: spec.valueWarnings,
    };
    this.errors.push(...this.namespaceErrors, ...spec.errors);
    this.rendered = renderInto(this, request, this.errors);
    return request;
  }

  /**
   * Replaces the chart's objects and errors by a render of `request`, keeping the Namespace object. The user's values
   * must be those of the first render, which already recorded the warnings about them.
   */
  protected renderAgain(request: ChartRequest, inputErrors: readonly string[]): void {
    for (const child of this.node.children) {
      if (ApiObject.isApiObject(child) && child !== this.namespaceObject) this.node.tryRemoveChild(child.node.id);
    }
    const errors = [...this.namespaceErrors, ...inputErrors];
    const rendered = errors.length > 0 ? [] : renderOrRecord({ ...request, sources: request.sources ?? ChartSource.defaults() }, errors);
    addApiObjects(this, rendered, errors);
    this.errors.splice(0, this.errors.length, ...errors);
    this.rendered = rendered;
  }
}

/** Brands a control-plane chart construct: its own brand `name`, a control plane, a chart in the profile decision. */
export function brandControlPlaneChart(type: { readonly prototype: IControlPlane & IMeshChart }, name: string): void {
  brand(type, name);
  brandControlPlane(type);
  brandMeshChart(type);
}

/**
 * The input errors of a control-plane chart, in the order they are reported: the namespace and release names, the
 * chart's own value checks, then values that contradict the MeshApp's profile or platform.
 */
export function controlPlaneChartErrors(
  scope: ChartRelease,
  release: string,
  values: Record<string, unknown>,
  valueErrors: readonly string[],
): string[] {
  return [...validateNames(scope.namespace, release), ...valueErrors, ...meshProfileConflicts(scope, values)];
}
