import { apiGroup, isRecord } from '../k8s/object';
import { isBuiltInClusterScoped } from '../k8s/scope';
import { type SourcedObject } from './rule';
import { stringMap, toWorkload, type Workload } from './workloads';

export type { ContainerInfo, Workload } from './workloads';

/** Istio's default root namespace: mesh-wide policies live here. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/** An istiod control plane found in the input. */
export interface IstiodInfo extends SourcedObject {
  /** The `istio.io/rev` label, `default` when absent. */
  readonly revision: string;
}

export type Selector = Readonly<Record<string, string>>;

export interface IndexOptions {
  /** Istio's root namespace (mesh-wide policies). @default 'istio-system' */
  readonly rootNamespace?: string;
}

/**
 * Lookups over the analysed objects, so every rule stays linear in the input: by kind, by namespace, and
 * workloads by namespace and pod label (selector matching scans only the smallest label bucket).
 * Objects go in one at a time with add() (the CLI streams them in while it parses), then lookups begin:
 * the first lookup seals the index, and add() after it is a programming error.
 */
export class ObjectIndex {
  readonly rootNamespace: string;
  private entries: SourcedObject[] = [];
  private workloadList: Workload[] = [];
  private istiodList: IstiodInfo[] = [];
  private kinds = new Map<string, SourcedObject[]>();
  private kindsInNamespace = new Map<string, SourcedObject[]>();
  private namespaceObjects = new Map<string, SourcedObject>();
  private workloadsByNamespace = new Map<string, Workload[]>();
  private workloadsByLabel = new Map<string, Workload[]>();
  private usedNamespaces = new Set<string>();
  private services = new Map<string, SourcedObject>();
  /** Kinds that CRDs of the input declare cluster-scoped. */
  private readonly customClusterKinds = new Set<string>();
  private readonly memo = new Map<string, unknown>();
  private sealed = false;

  constructor(objects: Iterable<SourcedObject> = [], options: IndexOptions = {}) {
    this.rootNamespace = options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
    for (const entry of objects) this.add(entry);
  }

  /** Adds one object; call before the first lookup. */
  add(entry: SourcedObject): void {
    if (this.sealed) throw new Error('ObjectIndex.add() after the first lookup');
    const { object } = entry;
    if (object.kind === 'CustomResourceDefinition' && isRecord(object.spec) && object.spec.scope === 'Cluster') {
      const names: unknown = object.spec.names;
      if (isRecord(names)) this.customClusterKinds.add(String(names.kind));
    }
    this.insert(isBuiltInClusterScoped(object) ? withoutNamespace(entry) : entry);
  }

  /** Every object, in input order. */
  get all(): readonly SourcedObject[] {
    return this.seal().entries;
  }

  get workloads(): readonly Workload[] {
    return this.seal().workloadList;
  }

  get istiods(): readonly IstiodInfo[] {
    return this.seal().istiodList;
  }

  get size(): number {
    return this.entries.length;
  }

  private insert(entry: SourcedObject): void {
    const { kind, metadata } = entry.object;
    this.entries.push(entry);
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
    if (!workload) return;
    this.workloadList.push(workload);
    this.usedNamespaces.add(workload.namespace);
    push(this.workloadsByNamespace, workload.namespace, workload);
    for (const [k, v] of Object.entries(workload.podLabels)) push(this.workloadsByLabel, labelKey(workload.namespace, k, v), workload);
    if (kind === 'Deployment' && workload.podLabels.app === 'istiod') {
      this.istiodList.push({ ...entry, revision: metadata.labels?.['istio.io/rev'] ?? workload.podLabels['istio.io/rev'] ?? 'default' });
    }
  }

  /**
   * Ends the adding. Cluster-scoped objects never have a namespace on the server (cdk8s gives one to every object
   * of a Chart with a namespace): built-in kinds lose it as they come in; kinds of the input's CRDs can be known
   * only now, and the rare input that holds such an object with a namespace is indexed again without it.
   */
  private seal(): this {
    if (this.sealed) return this;
    this.sealed = true;
    const stale = [...this.customClusterKinds].some((kind) => this.kinds.get(kind)?.some((e) => e.object.metadata.namespace !== undefined));
    if (!stale) return this;
    const entries = this.entries;
    this.entries = [];
    this.workloadList = [];
    this.istiodList = [];
    for (const map of [
      this.kinds,
      this.kindsInNamespace,
      this.namespaceObjects,
      this.workloadsByNamespace,
      this.workloadsByLabel,
      this.services,
    ]) {
      map.clear();
    }
    this.usedNamespaces.clear();
    for (const entry of entries) this.insert(this.customClusterKinds.has(entry.object.kind) ? withoutNamespace(entry) : entry);
    return this;
  }

  /** Objects of a kind (optionally only those in an API group), in input order. */
  byKind(kind: string, group?: string): readonly SourcedObject[] {
    const list = this.seal().kinds.get(kind) ?? [];
    return group === undefined ? list : list.filter((e) => apiGroup(e.object.apiVersion) === group);
  }

  /** Namespaced objects of a kind in one namespace, in input order. */
  inNamespace(namespace: string, kind: string): readonly SourcedObject[] {
    return this.seal().kindsInNamespace.get(`${namespace}\u0000${kind}`) ?? [];
  }

  /** The Namespace object named `name`, when it is in the input. */
  namespace(name: string): SourcedObject | undefined {
    return this.seal().namespaceObjects.get(name);
  }

  /** Every namespace declared or used by an object of the input, sorted. */
  namespaceNames(): string[] {
    return [...this.seal().usedNamespaces].sort();
  }

  /** True when some object of the input declares or uses `name`, so an object missing there is a real gap. */
  hasNamespace(name: string): boolean {
    return this.seal().usedNamespaces.has(name);
  }

  workloadsIn(namespace: string): readonly Workload[] {
    return this.seal().workloadsByNamespace.get(namespace) ?? [];
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
      const bucket = this.seal().workloadsByLabel.get(labelKey(namespace, k, v)) ?? [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    return (smallest ?? []).filter((w) => matches(selector, w.podLabels));
  }

  /** The Service `name` in `namespace`, when it is in the input. */
  service(namespace: string, name: string): SourcedObject | undefined {
    return this.seal().services.get(`${namespace}\u0000${name}`);
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

function withoutNamespace(entry: SourcedObject): SourcedObject {
  const { object } = entry;
  if (object.metadata.namespace === undefined) return entry;
  const { namespace: _dropped, ...metadata } = object.metadata;
  return { ...entry, object: { ...object, metadata } };
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

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
