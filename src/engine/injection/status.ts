/** The sidecar.istio.io/status annotation, re-injection stripping, and the final container order. */
import { isRecord } from '../k8s/object';
import { InjectionError } from './errors';
import { containerList, moveContainer } from './pod';
import { clearPrometheusAnnotations, prometheusPort } from './prometheus';
import { clone, type Tree } from './tree';

export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const OVERRIDES_ANNOTATION = 'proxy.istio.io/overrides';

export interface InjectionStatus {
  readonly initContainers?: string[] | null;
  readonly containers?: string[] | null;
  readonly volumes?: string[] | null;
  readonly imagePullSecrets?: string[] | null;
  readonly revision?: string;
}

/** The previous injection's status, when the pod carries a readable one. */
export function readStatus(annotations: Record<string, string>): InjectionStatus | undefined {
  const text = annotations[STATUS_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text);
    return isRecord(parsed) ? (parsed as InjectionStatus) : undefined;
  } catch {
    return undefined;
  }
}

/** Names of what the templates added, as JSON: lists are null when empty. */
export function statusValue(templatePod: Tree, revision: string): string {
  const spec = (templatePod.spec ?? {}) as Tree;
  const names = (field: string): string[] | null => {
    const list = Array.isArray(spec[field]) ? (spec[field] as unknown[]).filter(isRecord) : [];
    return list.length === 0 ? null : list.map((x) => String(x.name ?? ''));
  };
  return JSON.stringify({
    initContainers: names('initContainers'),
    containers: names('containers'),
    volumes: names('volumes'),
    imagePullSecrets: names('imagePullSecrets'),
    revision: revision || 'default',
  });
}

/**
 * The pod as the templates should see it on re-injection: without the containers the previous injection
 * added, without its status and its own Prometheus annotations, with the user's saved overrides back.
 */
export function strippedPod(pod: Tree, statusPort: number): Tree {
  const meta = pod.metadata as Tree;
  const annotations = meta.annotations as Record<string, string>;
  const previous = readStatus(annotations);
  let out = pod;
  if (previous) {
    out = clone(pod);
    const spec = out.spec as Tree;
    const outAnnotations = (out.metadata as Tree).annotations as Record<string, string>;
    for (const name of previous.containers ?? []) spec.containers = moveContainer(containerList(spec, 'containers'), name, 'remove');
    for (const name of previous.initContainers ?? [])
      spec.initContainers = moveContainer(containerList(spec, 'initContainers'), name, 'remove');
    if (prometheusPort(outAnnotations) === String(statusPort)) clearPrometheusAnnotations(outAnnotations);
    delete outAnnotations[STATUS_ANNOTATION];
  }
  return reinsertOverrides(out);
}

/** Containers saved in proxy.istio.io/overrides come back when the pod no longer has them. */
function reinsertOverrides(pod: Tree): Tree {
  const annotations = (pod.metadata as Tree).annotations as Record<string, string>;
  const saved = parseOverrides(annotations[OVERRIDES_ANNOTATION]);
  if (!saved) return pod;
  const out = clone(pod);
  const spec = out.spec as Tree;
  for (const field of ['containers', 'initContainers'] as const) {
    const list = containerList(spec, field);
    for (const c of saved[field] ?? []) if (!list.some((x) => x.name === c.name)) list.push(clone(c));
    if (list.length > 0) spec[field] = list;
  }
  return out;
}

export function parseOverrides(text: string | undefined): { containers?: Tree[]; initContainers?: Tree[] } | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InjectionError(`${OVERRIDES_ANNOTATION} is not valid JSON: ${(e as Error).message}`, undefined, OVERRIDES_ANNOTATION);
  }
  if (!isRecord(parsed)) return undefined;
  const list = (v: unknown): Tree[] | undefined => (Array.isArray(v) ? (v.filter(isRecord) as Tree[]) : undefined);
  return { containers: list(parsed.containers), initContainers: list(parsed.initContainers) };
}

/**
 * Final order: istio-proxy last among containers (first when the app waits for it). With a native sidecar,
 * the init containers start istio-init/istio-validation, istio-proxy, enable-core-dump; otherwise
 * istio-validation comes first and istio-init, enable-core-dump last.
 */
export function reorderContainers(spec: Tree, holdApplication: boolean): void {
  if (Array.isArray(spec.containers))
    spec.containers = moveContainer(containerList(spec, 'containers'), 'istio-proxy', holdApplication ? 'first' : 'last');
  let init = containerList(spec, 'initContainers');
  if (init.some((c) => c.name === 'istio-proxy')) {
    for (const name of ['enable-core-dump', 'istio-proxy', 'istio-validation', 'istio-init']) init = moveContainer(init, name, 'first');
  } else {
    init = moveContainer(init, 'istio-validation', 'first');
    init = moveContainer(init, 'istio-init', 'last');
    init = moveContainer(init, 'enable-core-dump', 'last');
  }
  if (Array.isArray(spec.initContainers)) spec.initContainers = init;
}
