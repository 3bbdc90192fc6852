import { type IstioProfileName } from './base-values';
import { type LabelSelector, type ResourceRequirements, type Toleration } from './common';
import { type IstioPlatform } from './platform';

/**
 * Values of Istio's `istiod` chart (istio-control/istio-discovery). Key names are the chart's own.
 *
 * Note: istiod's own settings (replicaCount, resources, env, ...) sit at the top level of this chart.
 * IstioOperator files nest them under `pilot`; the chart copies `pilot.*` over the top level last, so such values
 * (given through `extraValues`) work too and win over their top-level twins.
 */
export interface IstiodValues {
  /**
   * Control plane revision: becomes part of object names (`istiod-<revision>`) and the `istio.io/rev` label.
   * @default '' (the default revision)
   */
  readonly revision?: string;
  /**
   * Extra names (revision tags) that point at this revision; each gets its own injection webhook.
   * @default []
   */
  readonly revisionTags?: readonly string[];
  /**
   * One of the chart's built-in profiles, applied before your values (`ambient` turns on ambient mode).
   * @default - the MeshApp's `profile`, else no profile
   */
  readonly profile?: IstioProfileName;
  readonly global?: IstiodGlobalValues;
  /**
   * Namespace of the ztunnel istiod trusts to ask for certificates of the pods on its node (CA_TRUSTED_NODE_ACCOUNTS).
   * Set it when ztunnel runs outside istiod's namespace (e.g. 'kube-system'); MeshApp's synth checks it.
   * @default '' (istiod's own namespace; 'kube-system' on OpenShift)
   */
  readonly trustedZtunnelNamespace?: string;
  /**
   * Service account name of that ztunnel (the Ztunnel's `resourceName`).
   * @default '' ('ztunnel')
   */
  readonly trustedZtunnelName?: string;
  /**
   * Mesh-wide runtime configuration (MeshConfig), merged over the chart's generated mesh config.
   * @default - the chart's defaults (trust domain cluster.local, prometheus merge on)
   */
  readonly meshConfig?: MeshConfigValues;
  readonly sidecarInjectorWebhook?: SidecarInjectorWebhookValues;
  /** Settings this chart shares with the base chart. */
  readonly base?: {
    /**
     * Failure policy of istiod's validation webhook (`istio-validator[-<rev>]-<namespace>`); see
     * BaseChartValues.validationFailurePolicy.
     * @default - 'Fail' when the MeshApp is staged for GitOps (stage folders or sync waves), else the chart's `Ignore`
     */
    readonly validationFailurePolicy?: 'Fail' | 'Ignore';
  };

  /**
   * Number of istiod pods when autoscaling is off.
   * @default 1
   */
  readonly replicaCount?: number;
  /**
   * Whether a HorizontalPodAutoscaler scales istiod between autoscaleMin and autoscaleMax.
   * @default true
   */
  readonly autoscaleEnabled?: boolean;
  /** @default 1 */
  readonly autoscaleMin?: number;
  /** @default 5 */
  readonly autoscaleMax?: number;
  /**
   * Resources of the discovery container.
   * @default { requests: { cpu: '500m', memory: '2048Mi' } }
   */
  readonly resources?: ResourceRequirements;
  /**
   * Extra environment variables for istiod (feature flags such as PILOT_ENABLE_ALPHA_GATEWAY_API).
   * @default {}
   */
  readonly env?: Record<string, string>;
  /** @default {} */
  readonly nodeSelector?: Record<string, string>;
  /** @default [] */
  readonly tolerations?: readonly Toleration[];
  /**
   * Pod affinity rules, as in a Pod spec.
   * @default {}
   */
  readonly affinity?: Record<string, unknown>;
  /** @default {} */
  readonly podAnnotations?: Record<string, string>;
  /** @default {} */
  readonly podLabels?: Record<string, string>;
  /**
   * Percentage (0-100) of requests traced when tracing is enabled.
   * @default 1
   */
  readonly traceSampling?: number;
}

export interface IstiodGlobalValues {
  /**
   * Registry path of the Istio images (pilot, proxyv2).
   * @default 'docker.io/istio'
   */
  readonly hub?: string;
  /**
   * Image tag of the Istio images.
   * @default '1.30.3' (never 'latest': output must be reproducible)
   */
  readonly tag?: string;
  /**
   * Namespace where istiod runs.
   * @default - the construct's namespace ('istio-system')
   */
  readonly istioNamespace?: string;
  /**
   * Mesh identifier; meshes that share telemetry or are federated need different IDs.
   * @default '' (istiod uses the trust domain)
   */
  readonly meshID?: string;
  /**
   * Network this cluster's workloads belong to (multi-network meshes).
   * @default ''
   */
  readonly network?: string;
  readonly multiCluster?: {
    /**
     * Name of this cluster inside a multicluster mesh.
     * @default '' (istiod reports 'Kubernetes')
     */
    readonly clusterName?: string;
  };
  /** @default [] */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Log level per scope for the control plane, e.g. 'default:info,ads:debug'.
   * @default 'default:info'
   */
  readonly logging?: { readonly level?: string };
  /**
   * The Kubernetes platform (see MeshAppProps.platform).
   * @default - the MeshApp's `platform`, else none
   */
  readonly platform?: IstioPlatform;
  /** Sidecar proxy settings, used by injection. */
  readonly proxy?: ProxyValues;
}

/** Envoy log levels accepted by the proxy. */
export type ProxyLogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical' | 'off';

export const PROXY_LOG_LEVELS: readonly ProxyLogLevel[] = ['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'];

export interface ProxyValues {
  /**
   * Resources of the injected istio-proxy container.
   * @default { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } }
   */
  readonly resources?: ResourceRequirements;
  /** @default 'warning' */
  readonly logLevel?: ProxyLogLevel;
  /**
   * Per-component Envoy log levels, e.g. 'misc:error'.
   * @default 'misc:error'
   */
  readonly componentLogLevel?: string;
  /**
   * Outbound IP ranges captured by the sidecar: '*' or comma-separated CIDRs.
   * @default '*'
   */
  readonly includeIPRanges?: string;
  /**
   * Outbound IP ranges that bypass the sidecar: comma-separated CIDRs.
   * @default ''
   */
  readonly excludeIPRanges?: string;
  /** @default '*' */
  readonly includeInboundPorts?: string;
  /** @default '' */
  readonly excludeInboundPorts?: string;
  /** @default '' */
  readonly excludeOutboundPorts?: string;
  /**
   * Whether application containers wait until the proxy is ready.
   * @default - off (the chart leaves it unset)
   */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /**
   * Injection policy: with 'disabled' only pods annotated for injection get a sidecar.
   * @default 'enabled'
   */
  readonly autoInject?: 'enabled' | 'disabled';
  /** @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** @default false */
  readonly privileged?: boolean;
  /** @default 15020 */
  readonly statusPort?: number;
  /** @default 'none' */
  readonly tracer?: 'zipkin' | 'lightstep' | 'datadog' | 'stackdriver' | 'none';
}

export interface MeshConfigValues {
  /**
   * File the proxies write access logs to; '/dev/stdout' to log, '' for none.
   * @default ''
   */
  readonly accessLogFile?: string;
  /** @default - text */
  readonly accessLogEncoding?: 'TEXT' | 'JSON';
  /** @default - true in istiod */
  readonly enableTracing?: boolean;
  /** @default true */
  readonly enablePrometheusMerge?: boolean;
  /**
   * SPIFFE trust domain of workload identities.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
  /** @default - the control plane namespace */
  readonly rootNamespace?: string;
  /** Default proxy configuration (ProxyConfig) for every workload. */
  readonly defaultConfig?: ProxyConfigValues;
  /** What sidecars do with traffic to hosts not in the registry. */
  readonly outboundTrafficPolicy?: { readonly mode?: 'ALLOW_ANY' | 'REGISTRY_ONLY' };
  /** Any other MeshConfig field, by its MeshConfig name. */
  readonly [field: string]: unknown;
}

export interface ProxyConfigValues {
  /** @default false */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /** @default - istiod's own default */
  readonly tracing?: Record<string, unknown>;
  /** Any other ProxyConfig field, by its ProxyConfig name. */
  readonly [field: string]: unknown;
}

export interface SidecarInjectorWebhookValues {
  /**
   * Inject every namespace unless it opts out (label istio-injection=disabled).
   * @default false
   */
  readonly enableNamespacesByDefault?: boolean;
  /**
   * Rewrite HTTP liveness/readiness probes so the kubelet's checks pass through the sidecar agent.
   * @default true
   */
  readonly rewriteAppHTTPProbe?: boolean;
  /** Pods matching any of these selectors never get a sidecar. @default [] */
  readonly neverInjectSelector?: readonly LabelSelector[];
  /** Pods matching any of these selectors always get a sidecar. @default [] */
  readonly alwaysInjectSelector?: readonly LabelSelector[];
  /** Annotations added to injected pods. @default {} */
  readonly injectedAnnotations?: Record<string, string>;
  /** @default 'Never' */
  readonly reinvocationPolicy?: 'Never' | 'IfNeeded';
  /** Extra injection templates by name (Go templates). @default {} */
  readonly templates?: Record<string, string>;
  /** Templates applied by default. @default ['sidecar'] */
  readonly defaultTemplates?: readonly string[];
}
