import { type IstioProfileName } from './base-values';
import { type ResourceRequirements, type Toleration } from './common';
import { type IstioPlatform } from './platform';

/**
 * Values of Istio's `ztunnel` chart: the per-node proxy of ambient mode. Key names are the chart's own (top level,
 * as in its values.yaml). The chart copies `global.*` to the top level first, so a top-level key wins over its
 * `global` twin (`hub` over `global.hub`).
 */
export interface ZtunnelValues {
  /**
   * One of the chart's built-in profiles, applied before your values (`ambient` selects the distroless image).
   * @default - the MeshApp's `profile`, else none
   */
  readonly profile?: IstioProfileName;
  readonly global?: ZtunnelGlobalValues;
  /** Registry path of the ztunnel image. @default - `global.hub` ('docker.io/istio') */
  readonly hub?: string;
  /** @default - `global.tag` ('1.30.3') */
  readonly tag?: string;
  /** @default - `global.variant` ('' ; 'distroless' with the ambient profile) */
  readonly variant?: string;
  /** Image name, or a full image reference when it contains '/'. @default 'ztunnel' */
  readonly image?: string;
  /** @default '' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never' | '';
  /** @default [] */
  readonly imagePullSecrets?: readonly string[];
  /** Network of this cluster (multi-network meshes). @default '' */
  readonly network?: string;
  /**
   * Name of the DaemonSet and its service account. Istiod trusts only `ztunnel` unless its `trustedZtunnelName` says
   * otherwise.
   * @default '' ('ztunnel')
   */
  readonly resourceName?: string;
  /** Labels of the top-level objects. @default {} */
  readonly labels?: Record<string, string>;
  /** Annotations of the top-level objects. @default {} */
  readonly annotations?: Record<string, string>;
  /** Extra volume mounts of the ztunnel container, as in a Pod spec. @default [] */
  readonly volumeMounts?: ReadonlyArray<Record<string, unknown>>;
  /** Extra pod volumes, as in a Pod spec. @default [] */
  readonly volumes?: ReadonlyArray<Record<string, unknown>>;
  /** @default - tolerate every NoSchedule and NoExecute taint and CriticalAddonsOnly */
  readonly tolerations?: readonly Toleration[];
  /** @default - prometheus scrape annotations for port 15020 */
  readonly podAnnotations?: Record<string, string>;
  /** @default {} */
  readonly podLabels?: Record<string, string>;
  /** Added to `kubernetes.io/os: linux`. @default {} */
  readonly nodeSelector?: Record<string, string>;
  /** @default {} */
  readonly affinity?: Record<string, unknown>;
  /** @default { requests: { cpu: '200m', memory: '512Mi' } } */
  readonly resources?: ResourceRequirements;
  /** A ResourceQuota for system-node-critical pods (GKE needs it outside kube-system). */
  readonly resourceQuotas?: { readonly enabled?: boolean; readonly pods?: number };
  /** Check peer certificates against the `istio-ca-crl` ConfigMap. @default { enabled: false } */
  readonly peerCaCrl?: { readonly enabled?: boolean };
  /** Extra environment variables of ztunnel. @default {} */
  readonly env?: Record<string, string>;
  readonly multiCluster?: {
    /** Cluster name; must match istiod's `global.multiCluster.clusterName`. @default '' ('Kubernetes') */
    readonly clusterName?: string;
  };
  /** Only `defaultConfig.proxyMetadata` is read: environment variables of ztunnel. */
  readonly meshConfig?: { readonly defaultConfig?: { readonly proxyMetadata?: Record<string, string> } };
  /** @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Revision of the istiod ztunnel connects to (`istiod-<revision>`). @default '' */
  readonly revision?: string;
  /** CA address. @default - istiod[-<revision>].<istioNamespace>.svc:15012 */
  readonly caAddress?: string;
  /** XDS address. @default - istiod[-<revision>].<istioNamespace>.svc:15012 */
  readonly xdsAddress?: string;
  /** Namespace of the istiod ztunnel connects to (not ztunnel's own namespace). @default 'istio-system' */
  readonly istioNamespace?: string;
  /** RUST_LOG of ztunnel: a level (trace, debug, info, warn, error) or directives such as 'info,ztunnel::proxy=debug'. @default 'info' */
  readonly logLevel?: string;
  /** @default false */
  readonly logAsJson?: boolean;
  /** SELinux options of the container (OpenShift: `{ type: 'spc_t' }`). @default {} */
  readonly seLinuxOptions?: Record<string, unknown>;
  /** @default 'all' */
  readonly resourceScope?: 'all' | 'cluster' | 'namespace';
  /** @default - RollingUpdate, maxSurge 1, maxUnavailable 0 */
  readonly updateStrategy?: Record<string, unknown>;
  /** @default '' */
  readonly dnsPolicy?: string;
  /** @default {} */
  readonly dnsConfig?: Record<string, unknown>;
  /** ConfigMap (or ClusterTrustBundle) holding the root certificate. @default '' ('istio-ca-root-cert') */
  readonly trustBundleName?: string;
}

/** The `global` keys the ztunnel chart reads (copied to the top level, where a top-level key wins). */
export interface ZtunnelGlobalValues {
  /** @default 'docker.io/istio' */
  readonly hub?: string;
  /** @default '1.30.3' (never 'latest': output must be reproducible) */
  readonly tag?: string;
  /** @default '' */
  readonly variant?: string;
  /**
   * The Kubernetes platform (OpenShift adds the privileged SecurityContextConstraints role).
   * @default - the MeshApp's `platform`, else none
   */
  readonly platform?: IstioPlatform;
  /** Render a default NetworkPolicy. @default { enabled: false } */
  readonly networkPolicy?: { readonly enabled?: boolean };
}
