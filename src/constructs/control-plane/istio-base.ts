import { type ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { type BaseValues } from '../../model/values/base-values';
import { baseHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { validateBaseValues, validateNames } from '../../model/values/validate';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { addControlPlaneNamespace, type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps, renderInto } from './rendered-chart';

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
export class IstioBase extends Construct implements IControlPlane {
  /** Whether `x` is an IstioBase, also one from another copy of this library. */
  public static isIstioBase(x: unknown): x is IstioBase {
    return hasBrand(x, 'IstioBase');
  }

  static {
    brand(IstioBase, 'IstioBase');
    brandControlPlane(IstioBase);
  }

  /** Namespace of the control plane. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere. */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** The full values given to helm (our defaults, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: IstioBaseProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.createNamespace = props.createNamespace ?? true;
    this.namespaceObject = addControlPlaneNamespace(this);
    this.values = baseHelmValues({ namespace: this.namespace, values: props.values, extraValues: props.extraValues });
    const release = props.releaseName ?? 'istio-base';
    const errors = [...validateNames(this.namespace, release), ...validateBaseValues(this.values)];
    this.rendered = renderInto(
      this,
      {
        chart: 'base',
        version: props.version ?? ISTIO_VERSION,
        sources: props.sources,
        release,
        namespace: this.namespace,
        values: this.values,
        cacheDir: props.renderCacheDir,
        renderTimeout: props.renderTimeout,
      },
      errors,
    );
  }

  /** Copies of every rendered object, in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
  }

  /** Copies of the rendered CustomResourceDefinitions (for schema validation). */
  public crds(): KubeObject[] {
    return this.objects().filter((o) => o.kind === 'CustomResourceDefinition');
  }
}
