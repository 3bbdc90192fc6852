import { type IstioProfileName } from './base-values';
import { type ResourceRequirements, type Toleration } from './common';
import { type IstioPlatform } from './platform';

/**
 * Values of Istio's `istio-cni` chart (published as `cni`): the node agent that sets up pod networking for
 * ambient mode and for sidecars without init containers. Key names are the chart's own, passed to helm as given.
 * The chart applies the selected profile, compatibility version and platform under your top-level values, but
 * copies everything under `cni` over the top level last: where those settings set a key under `cni.` (cniBinDir on
 * k3s, ambient.enabled under profile ambient, ...), your top-level value is dropped (synth warns); `cni` wins.
 */
export interface CniValues {
  /**
   * One of the chart's built-in profiles, applied before your values. `ambient` turns on ambient redirection.
   * @default - the MeshApp's `profile`, else none
   */
  readonly profile?: IstioProfileName;
  readonly global?: CniGlobalValues;
  /** Registry path of the install-cni image. @default - `global.hub` */
  readonly hub?: string;
  /** Image tag. @default - `global.tag` */
  readonly tag?: string;
  /** Image variant ('distroless', 'debug'); `ambient` selects distroless. @default - `global.variant` */
  readonly variant?: string;
  /** @default - `global.imagePullPolicy` */
  readonly pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Log level of the agent, overriding `global.logging.level`. @default - `global.logging.level` ('info') */
  readonly logging?: { readonly level?: string };
  /**
   * Host folder of the CNI plugin binaries.
   * @default '/opt/cni/bin' (the platform's folder when a platform is set; GKE: '/home/kubernetes/bin')
   */
  readonly cniBinDir?: string;
  /** Host folder of the CNI network configuration. @default '/etc/cni/net.d' (or the platform's) */
  readonly cniConfDir?: string;
  /** CNI config file to insert the plugin into. @default '' (the first file found in cniConfDir) */
  readonly cniConfFileName?: string;
  /** Host folder of network namespaces. @default '/var/run/netns' (minikube: '/var/run/docker/netns') */
  readonly cniNetnsDir?: string;
  /** Whether Istio writes a CNI config file of its own. @default false */
  readonly istioOwnedCNIConfig?: boolean;
  /** Its file name. @default '' ('02-istio-cni.conflist') */
  readonly istioOwnedCNIConfigFileName?: string;
  /** Namespaces whose pods the plugin leaves alone. @default ['kube-system'] */
  readonly excludeNamespaces?: readonly string[];
  /** Pod affinity of the DaemonSet, as in a Pod spec. @default {} */
  readonly affinity?: Record<string, unknown>;
  /** @default {} */
  readonly daemonSetLabels?: Record<string, string>;
  /** @default {} */
  readonly podAnnotations?: Record<string, string>;
  /** @default {} */
  readonly podLabels?: Record<string, string>;
  /** Install as a plugin chained into the existing config (true) or as a standalone file (false, OpenShift). @default true */
  readonly chained?: boolean;
  /** @default 'default' ('multus' on OpenShift) */
  readonly provider?: 'default' | 'multus';
  readonly ambient?: CniAmbientValues;
  readonly repair?: CniRepairValues;
  /** Seccomp profile of the install-cni container, e.g. `{ type: 'RuntimeDefault' }`. @default {} */
  readonly seccompProfile?: Record<string, unknown>;
  /** SELinux options of the install-cni container (OpenShift: `{ type: 'spc_t' }`). @default {} */
  readonly seLinuxOptions?: Record<string, unknown>;
  /** AppArmor through the pod annotation (Kubernetes <= 1.29) instead of the securityContext field. @default true */
  readonly useAppArmorAnnotation?: boolean;
  /** @default { requests: { cpu: '100m', memory: '100Mi' } } */
  readonly resources?: ResourceRequirements;
  /** A ResourceQuota for system-node-critical pods, which some platforms (GKE) need outside kube-system. */
  readonly resourceQuotas?: { readonly enabled?: boolean; readonly pods?: number };
  /** @default - tolerate every NoSchedule and NoExecute taint and CriticalAddonsOnly */
  readonly tolerations?: readonly Toleration[];
  /** DaemonSet update strategy, as in a DaemonSet spec. @default - RollingUpdate, maxUnavailable 1 */
  readonly updateStrategy?: Record<string, unknown>;
  /** @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Revision label of the objects. @default '' */
  readonly revision?: string;
  /** Extra environment variables of the agent (also written to its ConfigMap). @default {} */
  readonly env?: Record<string, string>;
  /**
   * The same keys as an explicit override block: wins over the profile and platform, as in the chart (which copies
   * `cni.*` over the top level last).
   * @default - none (on GKE `{ cniBinDir: '/home/kubernetes/bin' }` unless `cniBinDir` is set anywhere)
   */
  readonly cni?: CniOverrideValues;
}

/** The keys of CniValues the chart takes from the `cni` block (the profile and images are chosen before it applies). */
export type CniOverrideValues = Omit<CniValues, 'profile' | 'global' | 'cni'>;

export interface CniGlobalValues {
  /** @default 'docker.io/istio' */
  readonly hub?: string;
  /** @default '1.30.3' (never 'latest': output must be reproducible) */
  readonly tag?: string;
  /** @default '' */
  readonly variant?: string;
  /** @default '' (Always for 'latest', else IfNotPresent) */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** @default [] */
  readonly imagePullSecrets?: readonly string[];
  /** @default { level: 'info' } */
  readonly logging?: { readonly level?: string };
  /** @default false */
  readonly logAsJson?: boolean;
  /** Render a default NetworkPolicy. @default { enabled: false } */
  readonly networkPolicy?: { readonly enabled?: boolean };
  /** Use nftables instead of iptables. @default false */
  readonly nativeNftables?: boolean;
  /** @default 'all' */
  readonly resourceScope?: 'all' | 'cluster' | 'namespace';
  /**
   * The Kubernetes platform, for its CNI folders and permissions.
   * @default - the MeshApp's `platform`, else none (standard paths)
   */
  readonly platform?: IstioPlatform;
}

export interface CniAmbientValues {
  /** Ambient redirection; the `ambient` profile turns it on. @default false */
  readonly enabled?: boolean;
  /** Which pods are ambient (network-policy-like peer selectors). @default - the istio.io/dataplane-mode=ambient label on pod or namespace */
  readonly enablementSelectors?: ReadonlyArray<Record<string, unknown>>;
  /** @default '' ('/etc/ambient-config') */
  readonly configDir?: string;
  /** @default true */
  readonly dnsCapture?: boolean;
  /** @default true */
  readonly ipv6?: boolean;
  /** @default true */
  readonly reconcileIptablesOnStartup?: boolean;
  /** Run the agent in the host network namespace. @default false */
  readonly shareHostNetworkNamespace?: boolean;
  /** @default false */
  readonly enableAmbientDetectionRetry?: boolean;
}

/** What the agent does with pods whose networking broke (sidecar mode). Only one of the three modes can be on. */
export interface CniRepairValues {
  /** @default true */
  readonly enabled?: boolean;
  /** @default '' */
  readonly hub?: string;
  /** @default '' */
  readonly tag?: string;
  /** @default false */
  readonly labelPods?: boolean;
  /** @default false */
  readonly deletePods?: boolean;
  /** @default true */
  readonly repairPods?: boolean;
  /** @default 'istio-validation' */
  readonly initContainerName?: string;
  /** @default 'cni.istio.io/uninitialized' */
  readonly brokenPodLabelKey?: string;
  /** @default 'true' */
  readonly brokenPodLabelValue?: string;
}
