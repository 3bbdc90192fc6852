import { INJECTOR_IGNORED_NAMESPACES, injectingRevision } from '../../model/webhook-selectors';
import { isRecord } from '../k8s/object';
import { type ObjectIndex, type Workload } from './index-objects';

/** Label and annotation keys Istio's injection and ambient mode read (facts from Istio 1.30.3). */
export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const TAG_LABEL = 'istio.io/tag';
export const SIDECAR_INJECT = 'sidecar.istio.io/inject';
export const SIDECAR_STATUS = 'sidecar.istio.io/status';
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';

/** How a workload takes part in the mesh. */
export interface MeshMembership {
  /** The default injection webhooks would add a sidecar at admission. */
  readonly webhookInjects: boolean;
  /** The template already carries a proxy (pre-injected, or hand-written `istio-proxy`). */
  readonly preInjected: boolean;
  /** The namespace or pod labels enroll the workload in ambient mode (a sidecar may still take it out). */
  readonly ambientLabeled: boolean;
  /** Ambient mode captures the workload (ztunnel handles its traffic): enrolled, and no sidecar takes it out. */
  readonly ambient: boolean;
  /** Sidecar or ambient: mTLS policies are enforced for it. */
  readonly inMesh: boolean;
  /** The control-plane revision that would inject it (see injectingRevision), else its pod label, namespace label or `default`. */
  readonly revision: string;
}

/** True for Istio's own control-plane, node-agent (ztunnel, istio-cni) and gateway workloads, which the workload rules leave alone. */
export function isControlPlane(workload: Workload): boolean {
  const labels = workload.object.metadata.labels ?? {};
  const pod = workload.podLabels;
  return (
    'istio' in labels ||
    'istio' in pod ||
    pod.app === 'istiod' ||
    labels.release === 'istio' ||
    // The pod labels the ztunnel and istio-cni charts give their DaemonSets (ztunnel's container is named istio-proxy).
    pod.app === 'ztunnel' ||
    pod['k8s-app'] === 'istio-cni-node'
  );
}

/**
 * True when the injector made the template's proxy: it leaves its status annotation on the pod template
 * (for a CronJob, Istio's kube-inject puts it on `spec.jobTemplate.metadata` instead).
 */
export function injectedByInjector(workload: Workload): boolean {
  if (SIDECAR_STATUS in workload.podAnnotations) return true;
  const spec = workload.object.kind === 'CronJob' && isRecord(workload.object.spec) ? workload.object.spec : undefined;
  const annotations =
    spec && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.metadata) ? spec.jobTemplate.metadata.annotations : undefined;
  return isRecord(annotations) && SIDECAR_STATUS in annotations;
}

/**
 * True when the template's istio-proxy container has image `auto`, as the gateway chart renders it: a placeholder
 * that only the injection webhook replaces (without it the pods never start).
 */
export function awaitsInjection(workload: Workload): boolean {
  return workload.containers.some((c) => c.name === 'istio-proxy' && c.image === 'auto');
}

/** True when the injector would skip the namespace entirely. */
export function isSystemNamespace(namespace: string): boolean {
  return INJECTOR_IGNORED_NAMESPACES.has(namespace);
}

/** Mesh membership of a workload of the index (computed once for all workloads). */
export function membership(index: ObjectIndex, workload: Workload): MeshMembership {
  const all = index.derived('mesh.membership', (idx) => new Map(idx.workloads.map((w) => [w, compute(idx, w)])));
  return all.get(workload) ?? compute(index, workload);
}

function compute(index: ObjectIndex, workload: Workload): MeshMembership {
  const ns = index.namespaceLabels(workload.namespace);
  const pod = workload.podLabels;
  const ambientLabeled = ambientSelects(ns, pod);
  const webhookInjects = webhookSelects(ns, pod) && injectorAccepts(workload);
  const preInjected = workload.hasProxy;
  const ambient = ambientLabeled && !webhookInjects && !injectedByInjector(workload) && ambientCaptures(workload);
  // The namespace's labels decide before the pod's (see injectingRevision).
  const revision = injectingRevision(ns, pod) ?? pod[REVISION_LABEL] ?? ns[REVISION_LABEL] ?? 'default';
  return { webhookInjects, preInjected, ambientLabeled, ambient, inMesh: webhookInjects || preInjected || ambient, revision };
}

/**
 * The ambient enablement selectors of the istio-cni chart's defaults: the pod label
 * `istio.io/dataplane-mode=ambient`, or that namespace label unless the pod label says `none`.
 */
function ambientSelects(ns: Readonly<Record<string, string>>, pod: Readonly<Record<string, string>>): boolean {
  const podMode = pod[DATAPLANE_MODE_LABEL];
  return podMode === 'ambient' || (ns[DATAPLANE_MODE_LABEL] === 'ambient' && podMode !== 'none');
}

/** True when the namespace is labeled for ambient mode (its pods are enrolled unless they opt out). */
export function isAmbientNamespace(index: ObjectIndex, namespace: string): boolean {
  return index.namespaceLabels(namespace)[DATAPLANE_MODE_LABEL] === 'ambient';
}

/**
 * istio-cni leaves alone pods on the host network (no CNI call) and, by the chart's default
 * `excludeNamespaces`, kube-system. (A pod with a sidecar leaves ambient too: the callers check that.)
 */
function ambientCaptures(workload: Workload): boolean {
  return workload.podSpec.hostNetwork !== true && workload.namespace !== 'kube-system';
}

/** Whether the namespace and object selectors of Istio's sidecar injection webhooks take the pod (see injectingRevision). */
export function webhookSelects(ns: Readonly<Record<string, string>>, pod: Readonly<Record<string, string>>): boolean {
  return injectingRevision(ns, pod) !== undefined;
}

/** The injector's own checks after the webhook matched: host networking, system namespaces, the opt-out annotation. */
function injectorAccepts(workload: Workload): boolean {
  if (workload.podSpec.hostNetwork === true || isSystemNamespace(workload.namespace)) return false;
  // The label wins over the deprecated annotation when both are present.
  const optOut = workload.podLabels[SIDECAR_INJECT] ?? workload.podAnnotations[SIDECAR_INJECT];
  return optOut !== 'false';
}
