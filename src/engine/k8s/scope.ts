import { apiGroup, isRecord, type KubeObject } from './object';

/** Built-in cluster-scoped kinds by API group (Kubernetes 1.34); every other built-in kind is namespaced. */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
  ],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'resource.k8s.io': ['DeviceClass', 'ResourceSlice'],
};

/** Built-in API groups: a kind of one of these groups that is not cluster-scoped is namespaced. */
const BUILT_IN_GROUPS = new Set([
  ...Object.keys(CLUSTER_SCOPED),
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'discovery.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
]);

/** How kinds map to scopes: the built-in table plus the CustomResourceDefinitions of the output. */
export class ScopeTable {
  /** Learns the scope of custom kinds from the CRDs among `objects`. */
  public static fromObjects(objects: readonly KubeObject[]): ScopeTable {
    const custom = new Map<string, boolean>();
    for (const obj of objects) {
      if (obj.kind !== 'CustomResourceDefinition' || apiGroup(obj.apiVersion) !== 'apiextensions.k8s.io') continue;
      const spec = obj.spec;
      if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string') continue;
      custom.set(kindKey(spec.group, spec.names.kind), spec.scope !== 'Cluster');
    }
    return new ScopeTable(custom);
  }

  private constructor(private readonly custom: ReadonlyMap<string, boolean>) {}

  /** True for namespaced kinds, false for cluster-scoped ones, undefined when the kind is unknown here. */
  public isNamespaced(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean | undefined {
    const group = apiGroup(obj.apiVersion);
    const fromCrd = this.custom.get(kindKey(group, obj.kind));
    if (fromCrd !== undefined) return fromCrd;
    // Every Istio kind is namespaced, and so is every Gateway API kind but GatewayClass: known without their CRDs.
    if (group.endsWith('.istio.io')) return true;
    if (group === 'gateway.networking.k8s.io') return obj.kind !== 'GatewayClass';
    if (!BUILT_IN_GROUPS.has(group)) return undefined;
    return !(CLUSTER_SCOPED[group] ?? []).includes(obj.kind);
  }
}

/** The scope of built-in kinds (and of Istio and Gateway API kinds), known without any CRD. */
const BUILT_IN = ScopeTable.fromObjects([]);

/** True for a kind the API server keeps without a namespace, known without CRDs (Namespace, ClusterRole, ...). */
export function isBuiltInClusterScoped(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return BUILT_IN.isNamespaced(obj) === false;
}

function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}
