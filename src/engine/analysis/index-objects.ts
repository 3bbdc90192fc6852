import { apiGroup, isRecord, type KubeObject } from '../k8s/object';
import { type SourcedObject } from './rule';

/** Istio's default root namespace: mesh-wide policies live here. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/** A container of a pod template, as far as the rules need it. */
export interface ContainerInfo {
  readonly name: string;
  readonly image?: string;
  readonly ports: readonly { readonly containerPort: number; readonly name?: string; readonly protocol?: string }[];
  readonly securityContext?: Record<string, any>;
  /** True for init containers (including native sidecars). */
  readonly init: boolean;
}

/** An object that runs pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). */
export interface Workload extends SourcedObject {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly podSpec: Readonly<Record<string, any>>;
  /** Containers then init containers, in spec order. */
  readonly containers: readonly ContainerInfo[];
  /** True when the template already carries an `istio-proxy` container (pre-injected). */
  readonly hasProxy: boolean;
}

/** An istiod control plane found in the input. */
export interface IstiodInfo extends SourcedObject {
  /** The `istio.io/rev` label, `default` when absent. */
  readonly revision: string;
}

export type Selector = Readonly<Record<string, string>>;

const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Built-in kinds without a namespace; custom ones come from CRDs with `scope: Cluster` in the input. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
]);

export interface IndexOptions {
  /** Istio's root namespace (mesh-wide policies). @default 'istio-system' */
  readonly rootNamespace?: string;
}

/**
 * Lookups over the analysed objects, built once, so every rule stays linear in the input:
 * by kind, by namespace, and workloads by namespace and pod label (selector matching scans only
 * the smallest label bucket).
 */
export class ObjectIndex {
  readonly rootNamespace: string;
  readonly all: readonly SourcedObject[];
  readonly workloads: readonly Workload[];
  readonly istiods: readonly IstiodInfo[];
  private readonly kinds = new Map<string, SourcedObject[]>();
  private readonly kindsInNamespace = new Map<string, SourcedObject[]>();
  private readonly namespaceObjects = new Map<string, SourcedObject>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly workloadsByLabel = new Map<string, Workload[]>();
  private readonly usedNamespaces = new Set<string>();
  private readonly services = new Map<string, SourcedObject>();
  private readonly memo = new Map<string, unknown>();

  constructor(objects: readonly SourcedObject[], options: IndexOptions = {}) {
    this.rootNamespace = options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
    objects = withoutClusterNamespaces(objects);
    this.all = objects;
    const workloads: Workload[] = [];
    const istiods: IstiodInfo[] = [];
    for (const entry of objects) {
      const { kind, metadata } = entry.object;
      push(this.kinds, kind, entry);
      if (metadata.namespace) {
        push(this.kindsInNamespace, `${metadata.namespace}\u0000${kind}`, entry);
        this.usedNamespaces.add(metadata.namespace);
      }
      if (kind === 'Namespace' && apiGroup(entry.object.apiVersion) === '' && metadata.name) {
        this.namespaceObjects.set(metadata.name, entry);
        this.usedNamespaces.add(metadata.name);
      }
      if (kind === 'Service' && apiGroup(entry.object.apiVersion) === '' && metadata.name) {
        this.services.set(`${metadata.namespace ?? 'default'}\u0000${metadata.name}`, entry);
      }
      const workload = toWorkload(entry);
      if (workload) {
        workloads.push(workload);
        this.usedNamespaces.add(workload.namespace);
        push(this.workloadsByNamespace, workload.namespace, workload);
        for (const [k, v] of Object.entries(workload.podLabels)) push(this.workloadsByLabel, labelKey(workload.namespace, k, v), workload);
        if (kind === 'Deployment' && workload.podLabels.app === 'istiod') {
          istiods.push({ ...entry, revision: metadata.labels?.['istio.io/rev'] ?? workload.podLabels['istio.io/rev'] ?? 'default' });
        }
      }
    }
    this.workloads = workloads;
    this.istiods = istiods;
  }

  /** Objects of a kind (optionally only those in an API group), in input order. */
  byKind(kind: string, group?: string): readonly SourcedObject[] {
    const list = this.kinds.get(kind) ?? [];
    return group === undefined ? list : list.filter((e) => apiGroup(e.object.apiVersion) === group);
  }

  /** Namespaced objects of a kind in one namespace, in input order. */
  inNamespace(namespace: string, kind: string): readonly SourcedObject[] {
    return this.kindsInNamespace.get(`${namespace}\u0000${kind}`) ?? [];
  }

  /** The Namespace object named `name`, when it is in the input. */
  namespace(name: string): SourcedObject | undefined {
    return this.namespaceObjects.get(name);
  }

  /** Every namespace declared or used by an object of the input, sorted. */
  namespaceNames(): string[] {
    return [...this.usedNamespaces].sort();
  }

  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /**
   * Workloads in `namespace` whose pod labels match every pair of `selector`
   * (an empty or absent selector matches every workload of the namespace).
   */
  workloadsMatching(namespace: string, selector: Selector | undefined): readonly Workload[] {
    const pairs = Object.entries(selector ?? {});
    if (pairs.length === 0) return this.workloadsIn(namespace);
    let smallest: readonly Workload[] | undefined;
    for (const [k, v] of pairs) {
      const bucket = this.workloadsByLabel.get(labelKey(namespace, k, v)) ?? [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    return (smallest ?? []).filter((w) => matches(selector, w.podLabels));
  }

  /** The Service `name` in `namespace`, when it is in the input. */
  service(namespace: string, name: string): SourcedObject | undefined {
    return this.services.get(`${namespace}\u0000${name}`);
  }

  /**
   * Services a host names, as Istio resolves a short name from `fromNamespace`: `name`, `name.ns`,
   * `name.ns.svc`, `name.ns.svc.<domain>`; `*.ns.svc.<domain>` names every Service of `ns`.
   * Hosts outside the cluster (or other wildcards) name none.
   */
  servicesForHost(host: string, fromNamespace: string): readonly SourcedObject[] {
    const parts = host.split('.');
    const namespace = parts.length === 1 ? fromNamespace : parts[1];
    if (parts.length > 2 && parts[2] !== 'svc') return [];
    if (parts[0] === '*') return parts.length >= 2 ? this.inNamespace(namespace, 'Service') : [];
    const svc = this.service(namespace, parts[0]);
    return svc ? [svc] : [];
  }

  /** Workloads a Service selects (a Service without selector selects none). */
  workloadsOfService(service: SourcedObject): readonly Workload[] {
    const spec = isRecord(service.object.spec) ? service.object.spec : {};
    const selector = stringMap(spec.selector);
    if (Object.keys(selector).length === 0) return [];
    return this.workloadsMatching(service.object.metadata.namespace ?? 'default', selector);
  }

  /** Data derived from the index once and shared by several rules (e.g. effective mTLS modes), keyed by `key`. */
  derived<T>(key: string, build: (index: ObjectIndex) => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build(this));
    return this.memo.get(key) as T;
  }

  /** The labels of namespace `name` (Kubernetes adds `kubernetes.io/metadata.name`); empty when not in the input. */
  namespaceLabels(name: string): Readonly<Record<string, string>> {
    return { ...stringMap(this.namespace(name)?.object.metadata.labels), 'kubernetes.io/metadata.name': name };
  }

  /** True when some istiod Deployment is in the input (rules about revisions need it to judge). */
  hasControlPlane(): boolean {
    return this.istiods.length > 0;
  }
}

/**
 * Cluster-scoped objects never have a namespace on the server (cdk8s gives one to every object of a Chart
 * with a namespace): analyse copies without it, so they are named and looked up as the server holds them.
 */
function withoutClusterNamespaces(objects: readonly SourcedObject[]): readonly SourcedObject[] {
  const customCluster = new Set(
    objects
      .filter((e) => e.object.kind === 'CustomResourceDefinition' && isRecord(e.object.spec) && e.object.spec.scope === 'Cluster')
      .map((e) => String((e.object.spec as any).names?.kind)),
  );
  return objects.map((entry) => {
    const { object } = entry;
    if (object.metadata.namespace === undefined || !(CLUSTER_SCOPED_KINDS.has(object.kind) || customCluster.has(object.kind))) return entry;
    const { namespace: _dropped, ...metadata } = object.metadata;
    return { ...entry, object: { ...object, metadata } };
  });
}

/** True when every pair of `selector` is in `labels`. */
export function matches(selector: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** `spec.selector.matchLabels` (or a bare map) of an Istio resource; undefined when absent. */
export function selectorOf(value: unknown): Selector | undefined {
  if (!isRecord(value)) return undefined;
  const labels = isRecord(value.matchLabels) ? value.matchLabels : undefined;
  return labels ? stringMap(labels) : undefined;
}

function toWorkload(entry: SourcedObject): Workload | undefined {
  const { object } = entry;
  const path = POD_TEMPLATE_PATHS[object.kind];
  if (!path || apiGroup(object.apiVersion) !== expectedGroup(object.kind)) return undefined;
  const template = dig(object, path);
  if (!isRecord(template)) return undefined;
  const meta = isRecord(template.metadata) ? template.metadata : {};
  const podSpec = isRecord(template.spec) ? template.spec : {};
  const containers = [...containerList(podSpec.containers, false), ...containerList(podSpec.initContainers, true)];
  return {
    ...entry,
    namespace: object.metadata.namespace ?? 'default',
    podLabels: stringMap(meta.labels),
    podAnnotations: stringMap(meta.annotations),
    podSpec,
    containers,
    hasProxy: containers.some((c) => c.name === 'istio-proxy'),
  };
}

function expectedGroup(kind: string): string {
  if (kind === 'Pod' || kind === 'ReplicationController') return '';
  return kind === 'Job' || kind === 'CronJob' ? 'batch' : 'apps';
}

function containerList(value: unknown, init: boolean): ContainerInfo[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((c) => ({
    name: String(c.name ?? ''),
    ...(typeof c.image === 'string' ? { image: c.image } : {}),
    ports: Array.isArray(c.ports)
      ? c.ports
          .filter((p: unknown) => isRecord(p) && typeof p.containerPort === 'number')
          .map((p: any) => ({
            containerPort: p.containerPort,
            ...(p.name ? { name: String(p.name) } : {}),
            ...(p.protocol ? { protocol: String(p.protocol) } : {}),
          }))
      : [],
    ...(isRecord(c.securityContext) ? { securityContext: c.securityContext } : {}),
    init,
  }));
}

function dig(obj: KubeObject, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) cur = isRecord(cur) ? cur[p] : undefined;
  return cur;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
