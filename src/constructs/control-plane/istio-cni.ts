import { type Construct } from 'constructs';
import { type IControlPlane } from '../../core/control-plane';
import { type IMeshChart, meshProfileDefaults } from '../../core/mesh-profile';
import { hasBrand } from '../../model/brand';
import { selectedProfileLayers } from '../../engine/charts/chart-profiles';
import { type ResolvedChart } from '../../engine/charts/resolved-chart';
import { cniHelmValues } from '../../model/values/build';
import { droppedCniValues, droppedCniValueWarning } from '../../model/values/cni-precedence';
import { type CniValues } from '../../model/values/cni-values';
import { type ExtraValues, isValuesObject } from '../../model/values/common';
import { mergeValues } from '../../model/values/merge';
import { validateCniValues } from '../../model/values/validate-ambient';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { brandControlPlaneChart, ChartRelease, controlPlaneChartErrors } from './chart-release';
import { type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps } from './rendered-chart';

export interface IstioCniProps extends ChartRenderProps, ControlPlaneNamespaceProps {
  /**
   * Typed values of the istio-cni chart (key names as in its values.yaml), passed as given: a top-level key that the
   * selected profile or platform also sets under `cni.` is dropped by the chart (synth warns); set it under `cni`.
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
    this.values = cniHelmValues({ version, appDefaults: meshProfileDefaults(this), values: props.values, extraValues: props.extraValues });
    const errors = controlPlaneChartErrors(this, release, this.values, validateCniValues(this.values));
    const valueWarnings = (chart: ResolvedChart): string[] => droppedValueWarnings(chart, this.values, props);
    // A chart of another release reads `cni.<key>` exactly where it reads `<key>`: check them as one.
    const checked = { ...props, values: descoped(props.values), extraValues: descoped(props.extraValues) };
    this.renderRelease({ chart: this.chartName, release, values: this.values, errors, valueWarnings }, checked);
  }
}

/** A warning for each of the user's top-level values the chart drops for a `cni.` setting of its profile files. */
function droppedValueWarnings(chart: ResolvedChart, values: Record<string, unknown>, props: IstioCniProps): string[] {
  const layers = selectedProfileLayers(chart, values);
  // The user's own `cni` block (not our GKE default, which fills in for a dropped top-level value, not for theirs).
  const cniOf = (tree: object | undefined): Record<string, unknown> | undefined => {
    const cni = asTree(tree).cni;
    return isValuesObject(cni) ? cni : undefined;
  };
  const own = mergeValues(cniOf(props.values), cniOf(props.extraValues));
  const name = `chart ${chart.name} ${chart.version}`;
  return [
    ...droppedCniValues(asTree(props.values), layers, own).map((d) => droppedCniValueWarning(d, 'values', name)),
    ...droppedCniValues(asTree(props.extraValues), layers, own).map((d) => droppedCniValueWarning(d, 'extraValues', name)),
  ];
}

/** `values` with its `cni` block merged over the top level, as the chart reads them. */
function descoped<T extends object>(values: T | undefined): Record<string, unknown> | undefined {
  if (!values) return undefined;
  const { cni, ...top } = asTree(values);
  return mergeValues(top, isValuesObject(cni) ? cni : undefined);
}

function asTree(values: object | undefined): Record<string, unknown> {
  return (values ?? {}) as Record<string, unknown>;
}
