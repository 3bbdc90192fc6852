import { type Construct } from 'constructs';
import { type IControlPlane } from '../../core/control-plane';
import { type IMeshChart, meshProfileDefaults } from '../../core/mesh-profile';
import { hasBrand } from '../../model/brand';
import { cniChartValues, cniHelmValues } from '../../model/values/build';
import { type CniValues } from '../../model/values/cni-values';
import { type ExtraValues } from '../../model/values/common';
import { validateCniValues } from '../../model/values/validate-ambient';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { brandControlPlaneChart, ChartRelease, controlPlaneChartErrors } from './chart-release';
import { type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps } from './rendered-chart';

export interface IstioCniProps extends ChartRenderProps, ControlPlaneNamespaceProps {
  /**
   * Typed values of the istio-cni chart (key names as in its values.yaml, top level).
   * @default - the chart's defaults, with images pinned to docker.io/istio at the chart version, the MeshApp's
   * profile and platform, and on GKE the GKE CNI folder
   */
  readonly values?: CniValues;
  /**
   * Any other chart values, deep-merged over `values` last (arrays replace). Not type-checked beyond the keys
   * `values` knows.
   * @default {}
   */
  readonly extraValues?: ExtraValues;
}

/**
 * Istio's CNI node agent (a DaemonSet on every node), rendered from the official `cni` chart (folder `istio-cni/`)
 * at construction time: it redirects the traffic of ambient pods to ztunnel, and of sidecar pods without init
 * containers. Namespace `kube-system` is never created (`createNamespace` defaults to false there). A chart that
 * cannot be found or rendered becomes a synth error, not an exception.
 */
export class IstioCni extends ChartRelease implements IControlPlane, IMeshChart {
  /** Whether `x` is an IstioCni, also one from another copy of this library. */
  public static isIstioCni(x: unknown): x is IstioCni {
    return hasBrand(x, 'IstioCni');
  }

  static {
    brandControlPlaneChart(IstioCni, 'IstioCni');
  }

  /** The chart's published name. */
  public readonly chartName = 'cni';
  /** The full values given to helm (pinned defaults, the app's profile and platform, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: IstioCniProps = {}) {
    super(scope, id, props.namespace ?? DEFAULT_NAMESPACE, props.createNamespace);
    const version = props.version ?? ISTIO_VERSION;
    const release = props.releaseName ?? 'istio-cni';
    const merged = cniHelmValues({ version, appDefaults: meshProfileDefaults(this), values: props.values, extraValues: props.extraValues });
    const errors = controlPlaneChartErrors(this, release, merged, validateCniValues(merged));
    this.values = cniChartValues(merged);
    this.renderRelease({ chart: this.chartName, release, values: this.values, errors }, props);
  }
}
