import { type Construct } from 'constructs';
import { type IControlPlane } from '../../core/control-plane';
import { type IMeshChart, meshProfileDefaults } from '../../core/mesh-profile';
import { hasBrand } from '../../model/brand';
import { ztunnelHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { validateZtunnelValues } from '../../model/values/validate-ambient';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { type ZtunnelValues } from '../../model/values/ztunnel-values';
import { brandControlPlaneChart, ChartRelease, controlPlaneChartErrors } from './chart-release';
import { type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps } from './rendered-chart';

export interface ZtunnelProps extends ChartRenderProps, ControlPlaneNamespaceProps {
  /**
   * Typed values of the ztunnel chart (key names as in its values.yaml). `istioNamespace` names where istiod runs,
   * not where ztunnel runs.
   * @default - the chart's defaults, with images pinned to docker.io/istio at the chart version and the MeshApp's
   * profile and platform
   */
  readonly values?: ZtunnelValues;
  /**
   * Any other chart values, deep-merged over `values` last (arrays replace). Not type-checked beyond the keys
   * `values` knows.
   * @default {}
   */
  readonly extraValues?: ExtraValues;
}

/**
 * Ambient mode's per-node proxy (a DaemonSet), rendered from the official `ztunnel` chart at construction time.
 * Outside istiod's namespace (e.g. `kube-system`, never created: `createNamespace` defaults to false there) the
 * Istiod must trust it (`trustedZtunnelNamespace`); MeshApp's synth checks that. A chart that cannot be found or
 * rendered becomes a synth error, not an exception.
 */
export class Ztunnel extends ChartRelease implements IControlPlane, IMeshChart {
  /** Whether `x` is a Ztunnel, also one from another copy of this library. */
  public static isZtunnel(x: unknown): x is Ztunnel {
    return hasBrand(x, 'Ztunnel');
  }

  static {
    brandControlPlaneChart(Ztunnel, 'Ztunnel');
  }

  /** The chart's published name. */
  public readonly chartName = 'ztunnel';
  /** The full values given to helm (pinned defaults, the app's profile and platform, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: ZtunnelProps = {}) {
    super(scope, id, props.namespace ?? DEFAULT_NAMESPACE, props.createNamespace);
    const release = props.releaseName ?? 'ztunnel';
    this.values = ztunnelHelmValues({
      version: props.version ?? ISTIO_VERSION,
      appDefaults: meshProfileDefaults(this),
      values: props.values,
      extraValues: props.extraValues,
    });
    const errors = controlPlaneChartErrors(this, release, this.values, validateZtunnelValues(this.values));
    this.renderRelease({ chart: this.chartName, release, values: this.values, errors }, props);
  }
}
