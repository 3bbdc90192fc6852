import { type IstioProfileName } from './base-values';
import { type ResourceRequirements, type Toleration } from './common';

/**
 * Values of Istio's `gateway` chart (an ingress or egress gateway proxy). Key names are the chart's own, so anything
 * here can be looked up in its values.yaml; helm also checks them against the chart's values.schema.json.
 */
export interface GatewayValues {
  /**
   * Overrides the release name as the name of every object (and the `app`/`istio` pod labels).
   * @default '' (the release name)
   */
  readonly name?: string;
  /**
   * The control plane revision whose injector fills in the gateway's proxy (the pod label `istio.io/rev`).
   * @default '' (the default revision)
   */
  readonly revision?: string;
  /**
   * Number of pods when autoscaling is off; ignored while `autoscaling.enabled` is true.
   * @default - unset (Kubernetes' default of 1)
   */
  readonly replicaCount?: number;
  /**
   * Workload kind of the gateway pods.
   * @default 'Deployment'
   */
  readonly kind?: 'Deployment' | 'DaemonSet';
  readonly rbac?: {
    /**
     * A Role and RoleBinding that let the gateway read Secrets of its namespace (TLS credentials of Istio Gateways).
     * @default true
     */
    readonly enabled?: boolean;
  };
  readonly serviceAccount?: GatewayServiceAccountValues;
  /**
   * Annotations of the gateway pods, merged over the chart's (prometheus scraping, the `gateway` injection template,
   * `sidecar.istio.io/inject`).
   * @default - the chart's five annotations
   */
  readonly podAnnotations?: Record<string, string>;
  /**
   * Pod security context.
   * @default - the chart's: only the `net.ipv4.ip_unprivileged_port_start=0` sysctl, so ports 80 and 443 bind as non-root
   */
  readonly securityContext?: Record<string, unknown>;
  /**
   * Security context of the istio-proxy container.
   * @default - the chart's: all capabilities dropped, non-root, read-only root filesystem
   */
  readonly containerSecurityContext?: Record<string, unknown>;
  readonly service?: GatewayServiceValues;
  /**
   * Resources of the istio-proxy container.
   * @default { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } }
   */
  readonly resources?: ResourceRequirements;
  readonly autoscaling?: GatewayAutoscalingValues;
  /**
   * Environment variables of the istio-proxy container.
   * @default {}
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables with a `valueFrom` source (secretKeyRef, configMapKeyRef), as in a container spec.
   * @default []
   */
  readonly envVarFrom?: ReadonlyArray<{ readonly name: string; readonly valueFrom: Record<string, unknown> }>;
  /**
   * Deployment update strategy, as in a Deployment spec.
   * @default - Kubernetes' default (rolling update)
   */
  readonly strategy?: Record<string, unknown>;
  /** @default - unset */
  readonly minReadySeconds?: number;
  /**
   * A readiness probe of your own for the istio-proxy container.
   * @default - the one the injector adds
   */
  readonly readinessProbe?: Record<string, unknown>;
  /**
   * Labels of every object and the pods. `app` and `istio` replace the selector labels (which default to the name and
   * the name without `istio-`).
   * @default { 'istio.io/dataplane-mode': 'none' } (gateways stay out of ambient)
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of every object (and of the Service, merged with `service.annotations`).
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /** @default {} */
  readonly nodeSelector?: Record<string, string>;
  /** @default [] */
  readonly tolerations?: readonly Toleration[];
  /**
   * Pod topology spread constraints, as in a Pod spec.
   * @default []
   */
  readonly topologySpreadConstraints?: ReadonlyArray<Record<string, unknown>>;
  /**
   * Pod affinity rules, as in a Pod spec.
   * @default {}
   */
  readonly affinity?: Record<string, unknown>;
  /**
   * Makes this an east-west gateway of the named network: the Service then exposes `networkGatewayPorts` instead of
   * `service.ports`.
   * @default ''
   */
  readonly networkGateway?: string;
  /**
   * Ports of a network gateway's Service, by port name (status-port, tls, tls-istiod, tls-webhook).
   * @default - 15021, 15443, 15012 and 15017
   */
  readonly networkGatewayPorts?: Record<string, { readonly port: number; readonly targetPort?: number; readonly protocol?: string }>;
  /** @default '' (Kubernetes' default) */
  readonly imagePullPolicy?: '' | 'Always' | 'IfNotPresent' | 'Never';
  /** @default [] */
  readonly imagePullSecrets?: ReadonlyArray<{ readonly name: string }>;
  /**
   * A PodDisruptionBudget for the gateway pods. The chart renders it only with at least two pods
   * (`autoscaling.minReplicas` > 1, or `replicaCount` > 1 with autoscaling off); otherwise synth warns.
   * @default {} (none)
   */
  readonly podDisruptionBudget?: GatewayPodDisruptionBudgetValues;
  /** @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Pod volumes, as in a Pod spec. @default [] */
  readonly volumes?: ReadonlyArray<Record<string, unknown>>;
  /** Volume mounts of the istio-proxy container. @default [] */
  readonly volumeMounts?: ReadonlyArray<Record<string, unknown>>;
  /** @default [] */
  readonly initContainers?: ReadonlyArray<Record<string, unknown>>;
  /** Containers next to istio-proxy. @default [] */
  readonly additionalContainers?: ReadonlyArray<Record<string, unknown>>;
  /** @default '' */
  readonly priorityClassName?: string;
  /** Lifecycle hooks of the istio-proxy container. @default {} */
  readonly lifecycle?: { readonly postStart?: Record<string, unknown>; readonly preStop?: Record<string, unknown> };
  /**
   * One of the built-in profiles, applied before your values.
   * @default - no profile
   */
  readonly profile?: IstioProfileName;
  readonly global?: {
    /** A NetworkPolicy letting in the Service's ports, status and metrics, and letting out everything. @default - none */
    readonly networkPolicy?: { readonly enabled?: boolean };
  };
}

export interface GatewayServiceAccountValues {
  /** @default true */
  readonly create?: boolean;
  /** @default {} */
  readonly annotations?: Record<string, string>;
  /** @default '' (the gateway's name when created, else 'default') */
  readonly name?: string;
}

/** Kubernetes Service types the chart accepts, and 'None' for no Service. */
export type GatewayServiceType = 'LoadBalancer' | 'NodePort' | 'ClusterIP' | 'None';

export interface GatewayServiceValues {
  /**
   * Service type; 'None' renders no Service.
   * @default 'LoadBalancer' (IngressGateway), 'ClusterIP' (EgressGateway)
   */
  readonly type?: GatewayServiceType;
  /** A fixed cluster IP. @default '' (assigned) */
  readonly clusterIP?: string;
  /** Extra labels of the Service's selector. @default {} */
  readonly selectorLabels?: Record<string, string>;
  /**
   * The Service's ports (replaces the list).
   * @default status-port 15021, http2 80, https 443 (TCP, target port equal to the port)
   */
  readonly ports?: readonly GatewayServicePortValues[];
  /** Annotations of the Service (cloud load balancer settings). @default {} */
  readonly annotations?: Record<string, string>;
  /** @default '' */
  readonly loadBalancerIP?: string;
  /** Client CIDRs a LoadBalancer accepts. @default [] */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** @default '' (Kubernetes' default, Cluster) */
  readonly externalTrafficPolicy?: '' | 'Cluster' | 'Local';
  /** @default - unset */
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  /** @default [] */
  readonly externalIPs?: readonly string[];
  /** @default '' */
  readonly ipFamilyPolicy?: '' | 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  /** @default [] */
  readonly ipFamilies?: ReadonlyArray<'IPv4' | 'IPv6'>;
  /** Only for type LoadBalancer. @default - unset */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /** Only for type LoadBalancer. @default - unset */
  readonly loadBalancerClass?: string;
}

export interface GatewayServicePortValues {
  readonly name?: string;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** @default - Kubernetes' default: same as `port` */
  readonly targetPort?: number;
  /** A fixed node port (types NodePort and LoadBalancer). @default - assigned */
  readonly nodePort?: number;
}

export interface GatewayAutoscalingValues {
  /**
   * A HorizontalPodAutoscaler (Deployment only); `replicaCount` is then ignored.
   * @default true
   */
  readonly enabled?: boolean;
  /** @default 1 */
  readonly minReplicas?: number;
  /** @default 5 */
  readonly maxReplicas?: number;
  /** @default 80 */
  readonly targetCPUUtilizationPercentage?: number;
  /** @default - no memory target */
  readonly targetMemoryUtilizationPercentage?: number;
  /** The HPA's `behavior`, as in its spec. @default - none */
  readonly autoscaleBehavior?: Record<string, unknown>;
}

export interface GatewayPodDisruptionBudgetValues {
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
  readonly unhealthyPodEvictionPolicy?: '' | 'IfHealthyBudget' | 'AlwaysAllow';
}
