import { ApiObject } from 'cdk8s';
import { type Construct } from 'constructs';
import { parse } from 'yaml';
import { type IControlPlane } from '../../core/control-plane';
import { type IMeshChart, meshProfileDefaults } from '../../core/mesh-profile';
import { DRAINING_ANNOTATION } from '../../engine/analysis/rules/upgrades/revisions';
import { isRecord } from '../../engine/k8s/object';
import { hasBrand } from '../../model/brand';
import { istiodHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { type IstiodValues } from '../../model/values/istiod-values';
import { mergeValues } from '../../model/values/merge';
import { validateIstiodValues } from '../../model/values/validate';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { brandControlPlaneChart, ChartRelease, controlPlaneChartErrors } from './chart-release';
import { gitOpsFailurePolicy } from './failure-policy';
import { type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps, type ChartRequest } from './rendered-chart';

export interface IstiodProps extends ChartRenderProps, ControlPlaneNamespaceProps {
  /**
   * Control plane revision, for canary upgrades and several control planes side by side: object names get
   * a `-<revision>` suffix and namespaces select it with the `istio.io/rev` label. Same as `values.revision`.
   * @default - the default revision (no suffix; namespaces use `istio-injection=enabled`)
   */
  readonly revision?: string;
  /**
   * Typed values of the istiod chart (key names as in its values.yaml).
   * @default - the chart's defaults, with images pinned to docker.io/istio at the chart version and
   * `global.istioNamespace` set to `namespace`
   */
  readonly values?: IstiodValues;
  /**
   * Any other chart values, deep-merged over `values` last (arrays replace). Not type-checked beyond the
   * keys `values` knows.
   * @default {}
   */
  readonly extraValues?: ExtraValues;
  /**
   * Marks this revision as being removed (the last steps of a canary upgrade): its Deployment gets the annotation
   * `cdk8s-istio.dev/draining: "true"`, and analysis (CDK8SI042) warns about every namespace and revision tag that
   * still uses it, at synth and in `cdk8s-istio analyze`.
   * @default false
   */
  readonly draining?: boolean;
}

/**
 * The Istio control plane (istiod, its webhooks, config maps and roles), rendered from the official `istiod`
 * chart at construction time. A chart that cannot be found or rendered becomes a synth error, not an exception.
 * Creates its namespace unless `createNamespace` is false, Kubernetes creates it (kube-system, ...), or another
 * control-plane construct of the app did.
 */
export class Istiod extends ChartRelease implements IControlPlane, IMeshChart {
  /** Whether `x` is an Istiod, also one from another copy of this library. */
  public static isIstiod(x: unknown): x is Istiod {
    return hasBrand(x, 'Istiod');
  }

  static {
    brandControlPlaneChart(Istiod, 'Istiod');
  }

  /** The chart's published name. */
  public readonly chartName = 'istiod';

  /** Control plane revision; undefined for the default revision. */
  public readonly revision: string | undefined;
  /** The Istio release rendered: the chart version (the images follow it unless `values.global.tag` says otherwise). */
  public readonly version: string;
  /** The full values given to helm (our pinned defaults, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  /** How the chart is rendered (chart, version, sources, release, namespace, values): a RevisionTag renders the same. */
  public readonly chartRequest: ChartRequest;

  constructor(scope: Construct, id: string, props: IstiodProps = {}) {
    super(scope, id, props.namespace ?? DEFAULT_NAMESPACE, props.createNamespace);
    this.version = props.version ?? ISTIO_VERSION;
    const valueErrors: string[] = [];
    const typedRevision = props.values?.revision;
    if (props.revision !== undefined && typedRevision !== undefined && props.revision !== typedRevision) {
      valueErrors.push(
        `revision ${JSON.stringify(props.revision)} and values.revision ${JSON.stringify(typedRevision)} differ: they are the same setting; set only one of them`,
      );
    }
    this.values = istiodHelmValues({
      namespace: this.namespace,
      revision: props.revision,
      version: this.version,
      appDefaults: mergeValues(gitOpsFailurePolicy(this), meshProfileDefaults(this)),
      values: props.values,
      extraValues: props.extraValues,
    });
    valueErrors.push(...validateIstiodValues(this.values));
    const revision = this.values.revision;
    this.revision = typeof revision === 'string' && revision !== '' ? revision : undefined;
    const release = props.releaseName ?? 'istiod';
    this.chartRequest = this.renderRelease(
      { chart: this.chartName, release, values: this.values, errors: controlPlaneChartErrors(this, release, this.values, valueErrors) },
      props,
    );
    if (props.draining) markDraining(this);
  }

  /**
   * The values tree the sidecar injector works with: the `values` document of the rendered
   * `istio-sidecar-injector[-<rev>]` ConfigMap (global, sidecarInjectorWebhook, revision, pilot, gateways),
   * i.e. the chart's defaults with our values merged in. Without a render (synth will report why), the
   * same keys taken from `values`.
   */
  public injectionValues(): Record<string, unknown> {
    const fromChart = this.configMapData(`istio-sidecar-injector${this.suffix()}`, 'values');
    if (fromChart) return fromChart;
    const v = this.values;
    return structuredClone({
      global: v.global ?? {},
      sidecarInjectorWebhook: v.sidecarInjectorWebhook ?? {},
      revision: v.revision ?? '',
      pilot: { ...(v.cni !== undefined ? { cni: v.cni } : {}), ...(v.env !== undefined ? { env: v.env } : {}) },
      gateways: {},
    });
  }

  /**
   * The injector's own configuration: the `config` document of the same ConfigMap (policy, default templates,
   * always/never selectors, injected annotations and the injection templates by name). Undefined without a render.
   */
  public injectorConfig(): Record<string, unknown> | undefined {
    return this.configMapData(`istio-sidecar-injector${this.suffix()}`, 'config');
  }

  /**
   * The mesh configuration istiod loads: the `mesh` document of the rendered `istio[-<rev>]` ConfigMap (the
   * chart's generated defaults merged with `values.meshConfig`). Without a render, `values.meshConfig`.
   */
  public meshConfig(): Record<string, unknown> {
    const fromChart = this.configMapData(`istio${this.suffix()}`, 'mesh');
    if (fromChart) return fromChart;
    const mesh = this.values.meshConfig;
    return isRecord(mesh) ? structuredClone(mesh) : {};
  }

  private suffix(): string {
    return this.revision ? `-${this.revision}` : '';
  }

  private configMapData(name: string, key: string): Record<string, unknown> | undefined {
    const map = this.renderedObjects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === this.namespace,
    );
    const text = isRecord(map?.data) ? map.data[key] : undefined;
    if (typeof text !== 'string') return undefined;
    const parsed = parse(text);
    return isRecord(parsed) ? parsed : undefined;
  }
}

/** Annotates the istiod Deployment of `istiod` as being removed (see IstiodProps.draining). */
function markDraining(istiod: Istiod): void {
  for (const child of istiod.node.children) {
    if (ApiObject.isApiObject(child) && child.kind === 'Deployment') child.metadata.addAnnotation(DRAINING_ANNOTATION, 'true');
  }
}
