/** Small helpers on plain JSON-like trees: deep clone, Helm-style merge, typed lookups. */
import { isRecord } from '../k8s/object';

export type Tree = Record<string, unknown>;

export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clone(v)) as unknown as T;
  if (isRecord(value)) {
    const out: Tree = {};
    for (const key of Object.keys(value)) out[key] = clone(value[key]);
    return out as T;
  }
  return value;
}

/**
 * Merges `overlay` into `base` in place, as Helm merges values files: maps merge recursively,
 * lists and scalars replace, and `null` removes the key.
 */
export function mergeValues(base: Tree, overlay: Tree): Tree {
  for (const [key, value] of Object.entries(overlay)) {
    if (key === '__proto__') continue; // would replace the tree's prototype, not add a value
    if (value === null) {
      delete base[key];
    } else if (isRecord(value) && isRecord(base[key])) {
      mergeValues(base[key] as Tree, value);
    } else {
      base[key] = clone(value);
    }
  }
  return base;
}

/** Like mergeValues, but a null overlay value is kept as null (MeshConfig overlays have no deletion). */
export function mergeMessage(base: Tree, overlay: Tree): Tree {
  for (const [key, value] of Object.entries(overlay)) {
    if (key === '__proto__') continue; // would replace the tree's prototype, not add a value
    if (isRecord(value) && isRecord(base[key])) mergeMessage(base[key] as Tree, value);
    else base[key] = clone(value);
  }
  return base;
}

const splitPaths = new Map<string, readonly string[]>();

/** The value at a dotted path, or undefined when any step is missing. */
export function lookup(tree: unknown, path: string): unknown {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    splitPaths.set(path, parts);
  }
  let node = tree;
  for (const part of parts) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Go's truthiness for template values: false, 0, '', nil, empty maps and lists are false. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** Go's fmt.Sprint of a scalar as the templates print it (nil prints as `<nil>`). */
export function goString(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
