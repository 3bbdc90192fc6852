/** The pod-running objects of an analysis input, as far as the rules need them. */
import { apiGroup, isRecord, type KubeObject } from '../k8s/object';
import { type SourcedObject } from './rule';

/** A container of a pod template, as far as the rules need it. */
export interface ContainerInfo {
  readonly name: string;
  readonly image?: string;
  readonly ports: readonly { readonly containerPort: number; readonly name?: string; readonly protocol?: string }[];
  readonly securityContext?: Record<string, unknown>;
  /** True for init containers (including native sidecars). */
  readonly init: boolean;
}

/** An object that runs pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). */
export interface Workload extends SourcedObject {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly podSpec: Readonly<Record<string, unknown>>;
  /** Containers then init containers, in spec order. */
  readonly containers: readonly ContainerInfo[];
  /** True when the template already carries an `istio-proxy` container (pre-injected). */
  readonly hasProxy: boolean;
}

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

export function toWorkload(entry: SourcedObject): Workload | undefined {
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
          .map((p: Record<string, unknown>) => ({
            containerPort: p.containerPort as number,
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

export function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}
