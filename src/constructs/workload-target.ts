/**
 * Recognises workloads, pods and services by what they are, never by class: cdk8s-plus 27 to 33 each ship their own
 * classes (and a project may load a second copy of one), so `instanceof` fails across them. cdk8s's own cross-copy
 * checks find the Kubernetes object (`ApiObject.isApiObject`, a `Symbol.for` brand, and `ApiObject.of`, the default
 * child `Resource` that every cdk8s-plus resource has); its kind and apiVersion say what it is. cdk8s-plus's
 * `podMetadata` is used when present. No library offers this check, so it is ours.
 */
import { ApiObject } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { isRecord, type KubeObject } from '../engine/k8s/object';
import { describeValue } from '../model/names';

/** The kinds a workload can be, with the apiVersion each must have. */
const WORKLOAD_API_VERSIONS: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

export const EXPECTED_WORKLOAD =
  'a workload (a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or CronJob, or an ApiObject of one of those kinds)';

/** Pod metadata of a cdk8s-plus workload of any major (cdk8s's ApiObjectMetadataDefinition), as this library uses it. */
export interface IPodMetadata {
  getLabel(key: string): string | undefined;
  addLabel(key: string, value: string): void;
  addAnnotation(key: string, value: string): void;
}

/**
 * A workload: a cdk8s-plus (27 to 33) Deployment, StatefulSet, DaemonSet, Job or CronJob, or an ApiObject of one of
 * those kinds (`new ApiObject(...)`, a `KubeDeployment` from `cdk8s import`). Checked at synth, by shape.
 */
export interface IWorkload extends IConstruct {
  /** cdk8s-plus workloads have it; a plain ApiObject does not. */
  readonly podMetadata?: IPodMetadata;
}

/** A construct recognised by its Kubernetes object. */
export interface KubeTarget {
  readonly construct: IConstruct;
  /** The ApiObject that becomes the Kubernetes object (the construct itself, or its default child). */
  readonly apiObject: ApiObject;
  /** cdk8s-plus's pod metadata (workloads and pods); undefined for a plain ApiObject. */
  readonly podMetadata?: IPodMetadata & { toJson(): { labels?: Record<string, string> } };
}

/** The construct's Kubernetes object, or undefined when `value` is no construct or holds no ApiObject. */
export function kubeTargetOf(value: unknown): KubeTarget | undefined {
  const apiObject = apiObjectOf(value);
  if (!apiObject) return undefined;
  const podMetadata = (value as { podMetadata?: unknown }).podMetadata;
  return { construct: value as IConstruct, apiObject, podMetadata: isPodMetadata(podMetadata) ? podMetadata : undefined };
}

/** `value` as a workload (kind and apiVersion of one), or undefined. */
export function workloadOf(value: unknown): KubeTarget | undefined {
  const target = kubeTargetOf(value);
  return target && WORKLOAD_API_VERSIONS[target.apiObject.kind] === target.apiObject.apiVersion ? target : undefined;
}

/** `value` as pods that a Service can select: a workload or a Pod. */
export function podsOf(value: unknown): KubeTarget | undefined {
  const target = kubeTargetOf(value);
  if (target?.apiObject.kind === 'Pod' && target.apiObject.apiVersion === 'v1') return target;
  return workloadOf(value);
}

/** `value` as a v1 Service, or undefined. */
export function serviceOf(value: unknown): KubeTarget | undefined {
  const target = kubeTargetOf(value);
  return target?.apiObject.kind === 'Service' && target.apiObject.apiVersion === 'v1' ? target : undefined;
}

/** Whether `value` is a construct (has a construct node); anything else cannot take part in an app. */
export function isConstruct(value: unknown): value is IConstruct {
  const node = (value as { node?: { path?: unknown } } | null | undefined)?.node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string';
}

/**
 * What arrived, for "expected X, got Y" messages: `a cdk8s-plus Service 'web' (kind Service)`,
 * `an ApiObject 'cfg' (kind ConfigMap)`, `a Construct at c/Thing, which holds no ApiObject`, `undefined`.
 */
export function describeTarget(value: unknown): string {
  if (!isConstruct(value)) return describeValue(value);
  const className = value.constructor?.name || 'Construct';
  const apiObject = apiObjectOf(value);
  if (!apiObject) return `${article(className)} ${className} at ${value.node.path}, which holds no ApiObject`;
  const kind = `kind ${apiObject.kind}${WORKLOAD_API_VERSIONS[apiObject.kind] ? `, apiVersion ${apiObject.apiVersion}` : ''}`;
  const plus = apiObject !== value && typeof (value as { resourceType?: unknown }).resourceType === 'string' ? 'cdk8s-plus ' : '';
  return `${article(plus || className)} ${plus}${className} '${apiObject.name}' (${kind})`;
}

/** The Kubernetes object of the construct, resolved now (lazy values, JSON patches). */
export function resolvedObject(target: KubeTarget): KubeObject {
  return target.apiObject.toJson() as KubeObject;
}

/** Path of the pod template in an object of `kind`: [] for a Pod itself. */
export function podTemplatePath(kind: string): string[] {
  if (kind === 'Pod') return [];
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
}

/** The pod template of a resolved object, or undefined when it has none. */
export function podTemplateOf(object: KubeObject): Record<string, unknown> | undefined {
  let node: unknown = object;
  for (const key of podTemplatePath(object.kind)) node = isRecord(node) ? node[key] : undefined;
  return isRecord(node) ? node : undefined;
}

/** The pod labels of a workload or pod: cdk8s-plus's pod metadata, else the resolved pod template. */
export function podLabels(target: KubeTarget): Record<string, string> {
  if (target.podMetadata) return { ...target.podMetadata.toJson().labels };
  return stringMap(podTemplateOf(resolvedObject(target))?.metadata, 'labels');
}

/**
 * The labels that select a workload's pods: cdk8s-plus's `matchLabels`, else the resolved `spec.selector.matchLabels`,
 * else (a Job or CronJob without a selector) its pod labels.
 */
export function selectorLabels(target: KubeTarget): Record<string, string> {
  const matchLabels = (target.construct as { matchLabels?: unknown }).matchLabels;
  if (target.podMetadata && isRecord(matchLabels)) return { ...(matchLabels as Record<string, string>) };
  const object = resolvedObject(target);
  const selector = isRecord(object.spec) ? object.spec.selector : undefined;
  return isRecord(selector) && isRecord(selector.matchLabels) ? stringMap(selector, 'matchLabels') : podLabels(target);
}

/** The container ports (`containerPort`) of a workload's pod template, sorted, without duplicates. */
export function containerPorts(target: KubeTarget): number[] {
  const spec = podTemplateOf(resolvedObject(target))?.spec;
  const containers = isRecord(spec) && Array.isArray(spec.containers) ? spec.containers : [];
  const ports = containers.flatMap((c: unknown) =>
    isRecord(c) && Array.isArray(c.ports) ? c.ports.map((p: unknown) => (isRecord(p) ? p.containerPort : undefined)) : [],
  );
  return [...new Set(ports.filter((p): p is number => typeof p === 'number'))].sort((a, b) => a - b);
}

/** The ports of a Service: cdk8s-plus's `ports`, else the resolved `spec.ports`. */
export function servicePorts(target: KubeTarget): { readonly name?: string; readonly port: number }[] {
  const own = target.apiObject === target.construct ? undefined : (target.construct as { ports?: unknown }).ports;
  const spec = Array.isArray(own) ? undefined : resolvedObject(target).spec;
  const ports: unknown[] = Array.isArray(own) ? own : isRecord(spec) && Array.isArray(spec.ports) ? spec.ports : [];
  return ports
    .filter((p): p is { name?: unknown; port: number } => isRecord(p) && typeof p.port === 'number')
    .map((p) => (typeof p.name === 'string' ? { name: p.name, port: p.port } : { port: p.port }));
}

function apiObjectOf(value: unknown): ApiObject | undefined {
  if (!isConstruct(value)) return undefined;
  if (ApiObject.isApiObject(value)) return value;
  const child = value.node.defaultChild;
  return ApiObject.isApiObject(child) ? child : undefined;
}

function isPodMetadata(value: unknown): value is KubeTarget['podMetadata'] {
  const m = value as Record<string, unknown> | null | undefined;
  return (
    typeof m?.getLabel === 'function' &&
    typeof m.addLabel === 'function' &&
    typeof m.addAnnotation === 'function' &&
    typeof m.toJson === 'function'
  );
}

function stringMap(parent: unknown, key: string): Record<string, string> {
  const map = isRecord(parent) ? parent[key] : undefined;
  if (!isRecord(map)) return {};
  return Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
