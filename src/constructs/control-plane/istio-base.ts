import { type Construct } from 'constructs';
import { type IControlPlane } from '../../core/control-plane';
import { type IMeshChart, meshProfileDefaults } from '../../core/mesh-profile';
import { type KubeObject } from '../../engine/k8s/object';
import { hasBrand } from '../../model/brand';
import { type BaseValues } from '../../model/values/base-values';
import { baseHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { mergeValues } from '../../model/values/merge';
import { validateBaseValues } from '../../model/values/validate';
import { DEFAULT_NAMESPACE } from '../../model/values/version';
import { brandControlPlaneChart, ChartRelease, controlPlaneChartErrors } from './chart-release';
import { gitOpsFailurePolicy } from './failure-policy';
import { type ControlPlaneNamespaceProps } from './namespace';
import { defaultTagConflict, defaultTagOf, withDefaultTag } from './default-tag';
import { type ChartRenderProps, type ChartRequest } from './rendered-chart';

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
 * becomes a synth error, not an exception. Creates its namespace unless `createNamespace` is false, Kubernetes
 * creates it (kube-system, ...), or another control-plane construct of the app did.
 */
export class IstioBase extends ChartRelease implements IControlPlane, IMeshChart {
  /** Whether `x` is an IstioBase, also one from another copy of this library. */
  public static isIstioBase(x: unknown): x is IstioBase {
    return hasBrand(x, 'IstioBase');
  }

  static {
    brandControlPlaneChart(IstioBase, 'IstioBase');
  }

  /** The chart's published name. */
  public readonly chartName = 'base';

  /** The full values given to helm (our defaults, `values`, `extraValues`, the revision of a `default` tag). */
  public get values(): Record<string, unknown> {
    return this.request.values;
  }
  /** `defaultRevision` as the construct's own values set it (undefined: the `default` tag, if any, decides). */
  private readonly explicitDefaultRevision: unknown;
  private request: ChartRequest;

  constructor(scope: Construct, id: string, props: IstioBaseProps = {}) {
    super(scope, id, props.namespace ?? DEFAULT_NAMESPACE, props.createNamespace);
    const own = baseHelmValues({
      namespace: this.namespace,
      appDefaults: mergeValues(gitOpsFailurePolicy(this), meshProfileDefaults(this)),
      values: props.values,
      extraValues: props.extraValues,
    });
    this.explicitDefaultRevision = own.defaultRevision;
    const values = withDefaultTag(own, defaultTagOf(this));
    const release = props.releaseName ?? 'istio-base';
    this.request = this.renderRelease({ chart: this.chartName, release, values, errors: this.inputErrors(release, values) }, props);
    this.node.addValidation({ validate: () => this.defaultTagProblems() });
  }

  /**
   * Renders again when the app's `default` RevisionTag points base's default validator elsewhere than this render
   * did: a RevisionTag named `default` calls it when it is constructed after this IstioBase (see default-tag.ts).
   */
  public followDefaultTag(): void {
    const values = withDefaultTag({ ...this.request.values, defaultRevision: this.explicitDefaultRevision }, defaultTagOf(this));
    if (values.defaultRevision === this.request.values.defaultRevision) return;
    this.request = { ...this.request, values };
    this.renderAgain(this.request, this.inputErrors(this.request.release, values));
  }

  /** Copies of the rendered CustomResourceDefinitions (for schema validation). */
  public crds(): KubeObject[] {
    return this.objects().filter((o) => o.kind === 'CustomResourceDefinition');
  }

  /** Problems of the names and values (they stop the render). */
  private inputErrors(release: string, values: Record<string, unknown>): string[] {
    return controlPlaneChartErrors(this, release, values, validateBaseValues(values));
  }

  private defaultTagProblems(): string[] {
    const conflict = defaultTagConflict(this.explicitDefaultRevision, defaultTagOf(this));
    return conflict ? [conflict] : [];
  }
}
