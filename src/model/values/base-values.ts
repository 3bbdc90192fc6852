import { type IstioPlatform } from './platform';

/**
 * Values of Istio's `base` chart (CRDs, the reader service account, the default-revision webhook).
 * Key names are the chart's own, so anything here can be looked up in the chart's values.yaml.
 */
export interface BaseValues {
  /**
   * The revision whose istiod validates configuration for the whole cluster (the `istiod-default-validator`
   * webhook points at it). Set it to a revision name when the default control plane is revisioned.
   * @default 'default'
   */
  readonly defaultRevision?: string;
  readonly global?: BaseGlobalValues;
  readonly base?: BaseChartValues;
  /**
   * One of the chart's built-in profiles, applied before your values.
   * @default - the MeshApp's `profile`, else no profile
   */
  readonly profile?: IstioProfileName;
}

export interface BaseGlobalValues {
  /**
   * Namespace where istiod runs; webhooks and roles point there.
   * @default - the construct's namespace ('istio-system')
   */
  readonly istioNamespace?: string;
  /**
   * Pull secrets (in the control plane namespace) added to the service accounts this chart creates.
   * @default []
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Which objects the chart renders: everything, only cluster-scoped ones, or only namespaced ones.
   * @default 'all'
   */
  readonly resourceScope?: 'all' | 'cluster' | 'namespace';
  /**
   * Whether the istio-reader service account and its cluster role are rendered (multicluster remote secrets need them).
   * @default true
   */
  readonly enableReaderRBAC?: boolean;
  /**
   * The Kubernetes platform (see MeshAppProps.platform).
   * @default - the MeshApp's `platform`, else none
   */
  readonly platform?: IstioPlatform;
}

export interface BaseChartValues {
  /**
   * CRDs to leave out, by full name (e.g. 'envoyfilters.networking.istio.io').
   * @default []
   */
  readonly excludedCRDs?: readonly string[];
  /**
   * Whether CRDs are rendered as ordinary templates (so upgrades update them).
   * @default true
   */
  readonly enableCRDTemplates?: boolean;
  /**
   * Whether the Istio configuration CRDs (networking, security, telemetry, extensions) are rendered.
   * @default true
   */
  readonly enableIstioConfigCRDs?: boolean;
  /**
   * A URL for the default validation webhook, for an istiod running outside the cluster.
   * @default - the istiod service in the control plane namespace
   */
  readonly validationURL?: string;
  /**
   * CA bundle for the default validation webhook, when istiod serves a well-known certificate.
   * @default - none (istiod patches it in at run time)
   */
  readonly validationCABundle?: string;
  /**
   * Failure policy of the default validation webhook. Without it `helm template` renders `Ignore` and istiod
   * flips it to `Fail` at run time, which GitOps tools show as drift.
   * @default - 'Fail' when the MeshApp is staged for GitOps (stage folders or sync waves), else the chart's `Ignore`
   */
  readonly validationFailurePolicy?: 'Fail' | 'Ignore';
}

/** The profiles that both Istio charts ship (files/profile-<name>.yaml). */
export type IstioProfileName = 'ambient' | 'demo' | 'preview' | 'remote' | 'stable';

/** Profile names accepted by the charts; anything else makes helm fail. */
export const ISTIO_PROFILES: readonly IstioProfileName[] = ['ambient', 'demo', 'preview', 'remote', 'stable'];
