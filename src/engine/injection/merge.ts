/**
 * Strategic merge of a patch into a Pod, as Kubernetes applies one: maps merge, `null` deletes,
 * lists with a merge key (containers by name, volumes by name, env by name, ports by containerPort,
 * volume mounts by mountPath...) merge item by item, other lists replace.
 */
import { isRecord } from '../k8s/object';
import { clone, type Tree } from './tree';

/** Merge keys of the Pod lists that merge, by the field path (list items are not part of the path). */
const MERGE_KEYS: Record<string, string> = {
  'metadata.ownerReferences': 'uid',
  'spec.volumes': 'name',
  'spec.imagePullSecrets': 'name',
  'spec.hostAliases': 'ip',
  'spec.topologySpreadConstraints': 'topologyKey',
  'spec.schedulingGates': 'name',
  'spec.resourceClaims': 'name',
};
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const CONTAINER_KEYS: Record<string, string> = {
  ports: 'containerPort',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  resizePolicy: 'resourceName',
};
for (const list of CONTAINER_LISTS) {
  MERGE_KEYS[`spec.${list}`] = 'name';
  for (const [field, key] of Object.entries(CONTAINER_KEYS)) MERGE_KEYS[`spec.${list}.${field}`] = key;
}
/** Scalar lists that merge as sets. */
const SET_LISTS = new Set(['metadata.finalizers']);

/**
 * Returns a new pod: `patch` strategically merged into `pod`. `pod` does not change; parts of `patch`
 * may be shared with the result, so the caller must not change the patch afterwards.
 */
export function strategicMerge(pod: Tree, patch: Tree): Tree {
  return mergeMap(clone(pod), patch, '');
}

function mergeMap(target: Tree, patch: Tree, path: string): Tree {
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return clone(rest);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const childPath = path === '' ? key : `${path}.${key}`;
    if (value === null || (isRecord(value) && value.$patch === 'delete')) {
      delete target[key];
    } else if (isRecord(value) && isRecord(target[key])) {
      target[key] = mergeMap(target[key] as Tree, value, childPath);
    } else if (Array.isArray(value) && Array.isArray(target[key])) {
      target[key] = mergeList(target[key] as unknown[], value, childPath);
    } else {
      target[key] = stripDirectives(value);
    }
  }
  return target;
}

function mergeList(target: unknown[], patch: unknown[], path: string): unknown[] {
  const key = MERGE_KEYS[path];
  if (SET_LISTS.has(path)) return orderLikeKubernetes([...new Set([...target, ...patch])], patch, target, (x) => x);
  if (key === undefined) return stripDirectives(patch) as unknown[];
  const keyOf = (x: unknown): unknown => (isRecord(x) ? x[key] : undefined);
  let original = target;
  const items: Tree[] = [];
  for (const item of patch) {
    if (!isRecord(item)) continue;
    if (item.$patch === 'replace') return patch.filter((p) => isRecord(p) && p.$patch === undefined).map(stripDirectives);
    if (item.$patch === 'delete') original = original.filter((o) => keyOf(o) !== item[key]);
    else items.push(item);
  }
  const merged = original.slice();
  for (const item of items) {
    const index = merged.findIndex((o) => keyOf(o) === item[key]);
    if (index >= 0) merged[index] = mergeMap(merged[index] as Tree, item, path);
    else merged.push(stripDirectives(item));
  }
  return orderLikeKubernetes(merged, items, original, keyOf);
}

/**
 * Kubernetes' order for a merged list: items named in the patch keep the patch's order, the others keep
 * theirs, and the two runs interleave where both are known to the original list; patch items new to the
 * original come before the remaining original-only items.
 */
function orderLikeKubernetes(merged: unknown[], patch: unknown[], original: unknown[], keyOf: (x: unknown) => unknown): unknown[] {
  const patchIndex = new Map<unknown, number>();
  patch.forEach((p, i) => {
    if (!patchIndex.has(keyOf(p))) patchIndex.set(keyOf(p), i);
  });
  const originalIndex = new Map<unknown, number>();
  original.forEach((o, i) => {
    if (!originalIndex.has(keyOf(o))) originalIndex.set(keyOf(o), i);
  });
  const fromPatch = merged
    .filter((m) => patchIndex.has(keyOf(m)))
    .sort((a, b) => (patchIndex.get(keyOf(a)) as number) - (patchIndex.get(keyOf(b)) as number));
  const serverOnly = merged.filter((m) => !patchIndex.has(keyOf(m)));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (j >= fromPatch.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(fromPatch[j++]);
    else {
      const li = originalIndex.get(keyOf(serverOnly[i]));
      const ri = originalIndex.get(keyOf(fromPatch[j]));
      if (li !== undefined && ri !== undefined && li < ri) out.push(serverOnly[i++]);
      else out.push(fromPatch[j++]);
    }
  }
  return out;
}

/** A patch value added as a whole: nulls and `$` directives inside it do not belong in the result. */
function stripDirectives(value: unknown): unknown {
  return isClean(value) ? value : stripped(value);
}

/** True when the value holds no null and no `$` key, so it can be used as it is (the common case). */
function isClean(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isClean);
  if (!isRecord(value)) return true;
  for (const k in value) {
    const v = value[k];
    if (v === null || k.charCodeAt(0) === 36 || !isClean(v)) return false;
  }
  return true;
}

function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isRecord(value)) return value;
  const out: Tree = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$') || v === null) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}
