import { type ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { brandMeshChart, type IMeshChart, meshProfileConflicts, meshProfileDefaults } from '../../core/mesh-profile';
import { type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { cniChartValues, cniHelmValues } from '../../model/values/build';
import { type CniValues } from '../../model/values/cni-values';
import { type ExtraValues } from '../../model/values/common';
import { validateNames } from '../../model/values/validate';
import { validateCniValues } from '../../model/values/validate-ambient';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { addReleaseNamespace, type ControlPlaneNamespaceProps, resolveCreateNamespace } from './namespace';
import { type ChartRenderProps, renderInto } from './rendered-chart';

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
export class IstioCni extends Construct implements IControlPlane, IMeshChart {
  /** Whether `x` is an IstioCni, also one from another copy of this library. */
  public static isIstioCni(x: unknown): x is IstioCni {
    return hasBrand(x, 'IstioCni');
  }

  static {
    brand(IstioCni, 'IstioCni');
    brandControlPlane(IstioCni);
    brandMeshChart(IstioCni);
  }

  /** The chart's published name. */
  public readonly chartName = 'cni';
  /** Namespace the agent runs in. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere, or is one Kubernetes creates (kube-system). */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** The full values given to helm (pinned defaults, the app's profile and platform, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: IstioCniProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    const create = resolveCreateNamespace(this.namespace, props.createNamespace);
    this.createNamespace = create.value;
    this.namespaceObject = addReleaseNamespace(this);
    const version = props.version ?? ISTIO_VERSION;
    const release = props.releaseName ?? 'istio-cni';
    const merged = cniHelmValues({ version, appDefaults: meshProfileDefaults(this), values: props.values, extraValues: props.extraValues });
    const errors = [
      ...create.errors,
      ...validateNames(this.namespace, release),
      ...validateCniValues(merged),
      ...meshProfileConflicts(this, merged),
    ];
    this.values = cniChartValues(merged);
    this.rendered = renderInto(
      this,
      {
        chart: 'cni',
        version,
        sources: props.sources,
        release,
        namespace: this.namespace,
        values: this.values,
        cacheDir: props.renderCacheDir,
        renderTimeout: props.renderTimeout,
        userValues: { typed: props.values, extra: props.extraValues },
      },
      errors,
    );
  }

  /** Copies of every rendered object, in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
  }
}
