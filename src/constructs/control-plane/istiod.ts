import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { brandControlPlane, type IControlPlane } from '../../core/control-plane';
import { brandMeshChart, type IMeshChart, meshProfileConflicts, meshProfileDefaults } from '../../core/mesh-profile';
import { DRAINING_ANNOTATION } from '../../engine/analysis/rules/upgrades/revisions';
import { isRecord, type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { istiodHelmValues } from '../../model/values/build';
import { type ExtraValues } from '../../model/values/common';
import { type IstiodValues } from '../../model/values/istiod-values';
import { mergeValues } from '../../model/values/merge';
import { validateIstiodValues, validateNames } from '../../model/values/validate';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { gitOpsFailurePolicy } from './failure-policy';
import { addReleaseNamespace, type ControlPlaneNamespaceProps } from './namespace';
import { type ChartRenderProps, type ChartRequest, renderInto } from './rendered-chart';

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
 * Creates its namespace unless `createNamespace` is false or another control-plane construct of the app did.
 */
export class Istiod extends Construct implements IControlPlane, IMeshChart {
  /** Whether `x` is an Istiod, also one from another copy of this library. */
  public static isIstiod(x: unknown): x is Istiod {
    return hasBrand(x, 'Istiod');
  }

  static {
    brand(Istiod, 'Istiod');
    brandControlPlane(Istiod);
    brandMeshChart(Istiod);
  }

  /** The chart's published name. */
  public readonly chartName = 'istiod';

  /** Control plane revision; undefined for the default revision. */
  public readonly revision: string | undefined;
  /** The Istio release rendered: the chart version (the images follow it unless `values.global.tag` says otherwise). */
  public readonly version: string;
  /** Namespace the control plane runs in. */
  public readonly namespace: string;
  /** False when the namespace is declared managed elsewhere. */
  public readonly createNamespace: boolean;
  /** The Namespace object, when this construct created it (see `createNamespace`). */
  public readonly namespaceObject: ApiObject | undefined;
  /** The full values given to helm (our pinned defaults, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  /** How the chart is rendered (chart, version, sources, release, namespace, values): a RevisionTag renders the same. */
  public readonly chartRequest: ChartRequest;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: IstiodProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.createNamespace = props.createNamespace ?? true;
    this.namespaceObject = addReleaseNamespace(this);
    this.version = props.version ?? ISTIO_VERSION;
    const version = this.version;
    const release = props.releaseName ?? 'istiod';
    const errors = validateNames(this.namespace, release);
    const typedRevision = props.values?.revision;
    if (props.revision !== undefined && typedRevision !== undefined && props.revision !== typedRevision) {
      errors.push(
        `revision ${JSON.stringify(props.revision)} and values.revision ${JSON.stringify(typedRevision)} differ: they are the same setting; set only one of them`,
      );
    }
    this.values = istiodHelmValues({
      namespace: this.namespace,
      revision: props.revision,
      version,
      appDefaults: mergeValues(gitOpsFailurePolicy(this), meshProfileDefaults(this)),
      values: props.values,
      extraValues: props.extraValues,
    });
    errors.push(...validateIstiodValues(this.values), ...meshProfileConflicts(this, this.values));
    const revision = this.values.revision;
    this.revision = typeof revision === 'string' && revision !== '' ? revision : undefined;
    this.chartRequest = {
      chart: 'istiod',
      version,
      sources: props.sources,
      release,
      namespace: this.namespace,
      values: this.values,
      cacheDir: props.renderCacheDir,
      renderTimeout: props.renderTimeout,
      userValues: { typed: props.values, extra: props.extraValues },
    };
    this.rendered = renderInto(this, this.chartRequest, errors);
    if (props.draining) markDraining(this);
  }

  /** Copies of every rendered object, in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
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
    const map = this.rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === this.namespace);
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
