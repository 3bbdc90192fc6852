import { type ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { brandMeshChart, type IMeshChart, meshProfileConflicts, meshProfileDefaults } from '../../core/mesh-profile';
import { type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { ztunnelHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { validateNames } from '../../model/values/validate';
import { validateZtunnelValues } from '../../model/values/validate-ambient';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { type ZtunnelValues } from '../../model/values/ztunnel-values';
import { addReleaseNamespace, type ControlPlaneNamespaceProps, resolveCreateNamespace } from './namespace';
import { type ChartRenderProps, renderInto } from './rendered-chart';

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
export class Ztunnel extends Construct implements IControlPlane, IMeshChart {
  /** Whether `x` is a Ztunnel, also one from another copy of this library. */
  public static isZtunnel(x: unknown): x is Ztunnel {
    return hasBrand(x, 'Ztunnel');
  }

  static {
    brand(Ztunnel, 'Ztunnel');
    brandControlPlane(Ztunnel);
    brandMeshChart(Ztunnel);
  }

  /** The chart's published name. */
  public readonly chartName = 'ztunnel';
  /** Namespace ztunnel runs in. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere, or is one Kubernetes creates (kube-system). */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** The full values given to helm (pinned defaults, the app's profile and platform, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: ZtunnelProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    const create = resolveCreateNamespace(this.namespace, props.createNamespace);
    this.createNamespace = create.value;
    this.namespaceObject = addReleaseNamespace(this);
    const version = props.version ?? ISTIO_VERSION;
    const release = props.releaseName ?? 'ztunnel';
    this.values = ztunnelHelmValues({
      version,
      appDefaults: meshProfileDefaults(this),
      values: props.values,
      extraValues: props.extraValues,
    });
    const errors = [
      ...create.errors,
      ...validateNames(this.namespace, release),
      ...validateZtunnelValues(this.values),
      ...meshProfileConflicts(this, this.values),
    ];
    this.rendered = renderInto(
      this,
      {
        chart: 'ztunnel',
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
