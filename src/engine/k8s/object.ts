/** Plain Kubernetes objects as the engines see them: parsed YAML, no cdk8s. */

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly [key: string]: unknown;
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [key: string]: unknown;
}

/** Where an object came from, for messages: a file and line, or a construct path. */
export interface ObjectSource {
  readonly file?: string;
  readonly line?: number;
  readonly constructPath?: string;
}

export function isKubeObject(value: unknown): value is KubeObject {
  if (!isRecord(value)) return false;
  return typeof value.apiVersion === 'string' && typeof value.kind === 'string' && isRecord(value.metadata);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects). */
export function describeObject(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name ?? '<unnamed>'}`;
}

/** The API group of an apiVersion: '' for the core group. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
