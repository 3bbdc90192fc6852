import { Construct } from 'constructs';
import { type KubeObject } from '../../engine/k8s/object';
import { type BaseValues } from '../../model/values/base-values';
import { baseHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { validateBaseValues, validateNames } from '../../model/values/validate';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { type ChartRenderProps, renderInto } from './rendered-chart';

export interface IstioBaseProps extends ChartRenderProps {
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
 * becomes a synth error, not an exception.
 */
export class IstioBase extends Construct {
  /** Namespace of the control plane. */
  public readonly namespace: string;
  /** The full values given to helm (our defaults, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: IstioBaseProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
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
