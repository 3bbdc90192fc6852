/**
 * Where each Istio annotation belongs (Istio 1.30.3's annotation set, our own table).
 * 'Pod' means the pod, or the pod template of a workload; 'Any' means any object.
 */
export type AnnotationPlace =
  | 'Pod'
  | 'Service'
  | 'Namespace'
  | 'Any'
  | 'Ingress'
  | 'Gateway'
  | 'GatewayClass'
  | 'ServiceEntry'
  | 'WorkloadEntry'
  | 'AuthorizationPolicy';

const POD_ANNOTATIONS = [
  'sidecar.istio.io/inject',
  'sidecar.istio.io/status',
  'sidecar.istio.io/rewriteAppHTTPProbers',
  'sidecar.istio.io/discoveryAddress',
  'sidecar.istio.io/proxyImage',
  'sidecar.istio.io/proxyImageType',
  'sidecar.istio.io/proxyCPU',
  'sidecar.istio.io/proxyCPULimit',
  'sidecar.istio.io/proxyMemory',
  'sidecar.istio.io/proxyMemoryLimit',
  'sidecar.istio.io/interceptionMode',
  'sidecar.istio.io/bootstrapOverride',
  'sidecar.istio.io/statsInclusionPrefixes',
  'sidecar.istio.io/statsInclusionSuffixes',
  'sidecar.istio.io/statsInclusionRegexps',
  'sidecar.istio.io/statsHistogramBuckets',
  'sidecar.istio.io/statsFlushInterval',
  'sidecar.istio.io/statsEvictionInterval',
  'sidecar.istio.io/statsHistogramBins',
  'sidecar.istio.io/statsCompression',
  'sidecar.istio.io/extraStatTags',
  'sidecar.istio.io/userVolume',
  'sidecar.istio.io/userVolumeMount',
  'sidecar.istio.io/logLevel',
  'sidecar.istio.io/componentLogLevel',
  'sidecar.istio.io/agentLogLevel',
  'sidecar.istio.io/nativeSidecar',
  'status.sidecar.istio.io/port',
  'readiness.status.sidecar.istio.io/initialDelaySeconds',
  'readiness.status.sidecar.istio.io/periodSeconds',
  'readiness.status.sidecar.istio.io/failureThreshold',
  'readiness.status.sidecar.istio.io/applicationPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeInterfaces',
  'traffic.sidecar.istio.io/includeOutboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  'traffic.sidecar.istio.io/kubevirtInterfaces',
  'prometheus.istio.io/merge-metrics',
  'proxy.istio.io/config',
  'proxy.istio.io/overrides',
  'inject.istio.io/templates',
  'istio.io/rev',
  'istio.io/reroute-virtual-interfaces',
  'ambient.istio.io/redirection',
  'ambient.istio.io/bypass-inbound-capture',
  'ambient.istio.io/dns-capture',
];

export const ISTIO_ANNOTATIONS: ReadonlyMap<string, readonly AnnotationPlace[]> = new Map<string, readonly AnnotationPlace[]>([
  ...POD_ANNOTATIONS.map((name) => [name, ['Pod']] as const),
  ['alpha.istio.io/kubernetes-serviceaccounts', ['Service']],
  ['alpha.istio.io/canonical-serviceaccounts', ['Service']],
  ['networking.istio.io/exportTo', ['Service']],
  ['traffic.istio.io/nodeSelector', ['Service']],
  ['networking.istio.io/traffic-distribution', ['Namespace', 'Service', 'ServiceEntry']],
  ['topology.istio.io/controlPlaneClusters', ['Namespace']],
  ['kubernetes.io/ingress.class', ['Ingress']],
  ['galley.istio.io/analyze-suppress', ['Any']],
  ['gateway.istio.io/controller-version', ['Any']],
  ['istio.io/dry-run', ['AuthorizationPolicy']],
  ['istio.io/autoRegistrationGroup', ['WorkloadEntry']],
  ['istio.io/workloadController', ['WorkloadEntry']],
  ['istio.io/connectedAt', ['WorkloadEntry']],
  ['istio.io/disconnectedAt', ['WorkloadEntry']],
  ['ambient.istio.io/waypoint-inbound-binding', ['GatewayClass', 'Gateway']],
  ['gateway.istio.io/service-account', ['Gateway']],
  ['gateway.istio.io/name-override', ['Gateway']],
  ['networking.istio.io/service-type', ['Gateway']],
]);

/** True for annotations in Istio's namespace (a prefix ending in istio.io). */
export function isIstioAnnotation(key: string): boolean {
  const slash = key.indexOf('/');
  return slash > 0 && key.slice(0, slash).endsWith('istio.io');
}
