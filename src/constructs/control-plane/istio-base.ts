import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { brandMeshChart, type IMeshChart, meshProfileConflicts, meshProfileDefaults } from '../../core/mesh-profile';
import { ChartSource } from '../../engine/charts/chart-source';
import { type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { type BaseValues } from '../../model/values/base-values';
import { baseHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { mergeValues } from '../../model/values/merge';
import { validateBaseValues, validateNames } from '../../model/values/validate';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { gitOpsFailurePolicy } from './failure-policy';
import { addReleaseNamespace, type ControlPlaneNamespaceProps } from './namespace';
import { defaultTagConflict, defaultTagOf, withDefaultTag } from './default-tag';
import { addApiObjects, type ChartRenderProps, type ChartRequest, renderInto, renderOrRecord } from './rendered-chart';

export interface IstioBaseProps extends ChartRenderProps, ControlPlaneNamespaceProps {
  /**
   * Typed values of the base chart (key names as in its values.yaml).
   * @default - the chart's defaults, with `global.istioNamespace` set to `namespace`
   */
  readonly values?: BaseValues;
  /**
   * Any other chart values, deep-merged over `values` last (arrays replace). Not type-checked beyond the
   * keys `values` knows.
   * @default {}
   */
  readonly extraValues?: ExtraValues;
}

/**
 * Istio's cluster-wide base: CRDs, the reader service account and the default-revision validation webhook,
 * rendered from the official `base` chart at construction time. A chart that cannot be found or rendered
 * becomes a synth error, not an exception. Creates its namespace unless `createNamespace` is false or another
 * control-plane construct of the app did.
 */
export class IstioBase extends Construct implements IControlPlane, IMeshChart {
  /** Whether `x` is an IstioBase, also one from another copy of this library. */
  public static isIstioBase(x: unknown): x is IstioBase {
    return hasBrand(x, 'IstioBase');
  }

  static {
    brand(IstioBase, 'IstioBase');
    brandControlPlane(IstioBase);
    brandMeshChart(IstioBase);
  }

  /** The chart's published name. */
  public readonly chartName = 'base';

  /** Namespace of the control plane. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere. */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** The full values given to helm (our defaults, `values`, `extraValues`, the revision of a `default` tag). */
  public get values(): Record<string, unknown> {
    return this.request.values;
  }
  /** `defaultRevision` as the construct's own values set it (undefined: the `default` tag, if any, decides). */
  private readonly explicitDefaultRevision: unknown;
  private request: ChartRequest;
  private rendered: readonly KubeObject[];
  /** Errors of the current render: the array renderInto reports from, refilled by followDefaultTag. */
  private readonly errors: string[];

  constructor(scope: Construct, id: string, props: IstioBaseProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.createNamespace = props.createNamespace ?? true;
    this.namespaceObject = addReleaseNamespace(this);
    const own = baseHelmValues({
      namespace: this.namespace,
      appDefaults: mergeValues(gitOpsFailurePolicy(this), meshProfileDefaults(this)),
      values: props.values,
      extraValues: props.extraValues,
    });
    this.explicitDefaultRevision = own.defaultRevision;
    const values = withDefaultTag(own, defaultTagOf(this));
    const release = props.releaseName ?? 'istio-base';
    const errors = this.inputErrors(release, values);
    this.request = {
      chart: 'base',
      version: props.version ?? ISTIO_VERSION,
      sources: props.sources,
      release,
      namespace: this.namespace,
      values,
      cacheDir: props.renderCacheDir,
      renderTimeout: props.renderTimeout,
      userValues: { typed: props.values, extra: props.extraValues },
    };
    this.errors = errors;
    this.rendered = renderInto(this, this.request, errors);
    this.node.addValidation({ validate: () => this.defaultTagProblems() });
  }

  /**
   * Renders again when the app's `default` RevisionTag points base's default validator elsewhere than this render
   * did: a RevisionTag named `default` calls it when it is constructed after this IstioBase (see default-tag.ts).
   */
  public followDefaultTag(): void {
    const values = withDefaultTag({ ...this.request.values, defaultRevision: this.explicitDefaultRevision }, defaultTagOf(this));
    if (values.defaultRevision === this.request.values.defaultRevision) return;
    for (const child of this.node.children) {
      if (ApiObject.isApiObject(child) && child !== this.namespaceObject) this.node.tryRemoveChild(child.node.id);
    }
    this.request = { ...this.request, values };
    const errors = this.inputErrors(this.request.release, values);
    // The user's values are unchanged, so the warnings about them were recorded by the first render.
    const rendered =
      errors.length > 0 ? [] : renderOrRecord({ ...this.request, sources: this.request.sources ?? ChartSource.defaults() }, errors);
    addApiObjects(this, rendered, errors);
    this.errors.splice(0, this.errors.length, ...errors);
    this.rendered = rendered;
  }

  /** Copies of every rendered object, in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
  }

  /** Copies of the rendered CustomResourceDefinitions (for schema validation). */
  public crds(): KubeObject[] {
    return this.objects().filter((o) => o.kind === 'CustomResourceDefinition');
  }

  /** Problems of the names and values (they stop the render). */
  private inputErrors(release: string, values: Record<string, unknown>): string[] {
    return [...validateNames(this.namespace, release), ...validateBaseValues(values), ...meshProfileConflicts(this, values)];
  }

  private defaultTagProblems(): string[] {
    const conflict = defaultTagConflict(this.explicitDefaultRevision, defaultTagOf(this));
    return conflict ? [conflict] : [];
  }
}
