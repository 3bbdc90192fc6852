/**
 * The pod fields the injector reads must have their Kubernetes types; Istio decodes the object into the
 * Go types first and refuses it otherwise. Checked up front so a malformed object is a clear InjectionError.
 */
import { isRecord } from '../k8s/object';
import { InjectionError } from './errors';
import { type Tree } from './tree';

export function checkPodShape(meta: unknown, spec: unknown): void {
  if (meta !== undefined && meta !== null && !isRecord(meta)) fail('metadata', 'a map', meta);
  const m = (meta ?? {}) as Tree;
  for (const field of ['labels', 'annotations']) {
    const map = m[field];
    if (map === undefined || map === null) continue;
    if (!isRecord(map)) fail(`metadata.${field}`, 'a map of strings', map);
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') fail(`metadata.${field}.${k}`, 'a string', v);
    }
  }
  if (!isRecord(spec)) fail('spec', 'a map', spec);
  for (const field of ['containers', 'initContainers', 'volumes', 'imagePullSecrets']) {
    const list = spec[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) fail(`spec.${field}`, 'a list', list);
    list.forEach((item, i) => {
      if (!isRecord(item)) fail(`spec.${field}[${i}]`, 'a map', item);
      if (item.name !== undefined && typeof item.name !== 'string') fail(`spec.${field}[${i}].name`, 'a string', item.name);
      if (field === 'containers' || field === 'initContainers') checkContainer(item, `spec.${field}[${i}]`);
    });
  }
}

function checkContainer(c: Tree, where: string): void {
  for (const field of ['ports', 'env', 'volumeMounts', 'args', 'command']) {
    const list = c[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) fail(`${where}.${field}`, 'a list', list);
    if (field === 'args' || field === 'command') continue;
    list.forEach((item, i) => {
      if (!isRecord(item)) fail(`${where}.${field}[${i}]`, 'a map', item);
    });
  }
  for (const field of ['securityContext', 'resources', 'lifecycle', 'readinessProbe', 'livenessProbe', 'startupProbe']) {
    const v = c[field];
    if (v !== undefined && v !== null && !isRecord(v)) fail(`${where}.${field}`, 'a map', v);
  }
}

function fail(field: string, expected: string, got: unknown): never {
  throw new InjectionError(`${field} must be ${expected}, got ${JSON.stringify(got) ?? String(got)}`, undefined, field);
}
