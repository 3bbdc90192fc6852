/**
 * Labels and annotations for the pod template of a plain ApiObject, as JSON patches: cdk8s's documented escape hatch,
 * so the user's props stay as they are. A JSON patch cannot add a key under a parent that does not exist, so the
 * patches are chosen from the resolved object: a missing `metadata`, `labels` or `annotations` is added whole.
 */
import { JsonPatch } from 'cdk8s';
import { isRecord, type KubeObject } from '../engine/k8s/object';
import { type KubeTarget, podTemplateOf, podTemplatePath, resolvedObject } from './workload-target';

/** The patches that set `labels` and `annotations` on the pod template of `object`; an error when it has none. */
export function podTemplatePatches(
  object: KubeObject,
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
): JsonPatch[] | string {
  const templatePath = podTemplatePath(object.kind);
  const template = podTemplateOf(object);
  if (!template) {
    return `${object.kind} '${object.metadata.name}' has no pod template at ${pointer(templatePath)}: give it one (pods are built from it)`;
  }
  const metadata = template.metadata;
  const maps = { labels, annotations };
  const nonEmpty = Object.entries(maps).filter(([, map]) => Object.keys(map).length > 0);
  if (!isRecord(metadata)) {
    return nonEmpty.length === 0 ? [] : [JsonPatch.add(pointer([...templatePath, 'metadata']), Object.fromEntries(nonEmpty))];
  }
  return nonEmpty.flatMap(([field, map]) => {
    const path = [...templatePath, 'metadata', field];
    if (!isRecord(metadata[field])) return [JsonPatch.add(pointer(path), { ...map })];
    return Object.entries(map).map(([key, value]) => JsonPatch.add(pointer([...path, key]), value));
  });
}

/**
 * Adds the patches for `labels` and `annotations` to a plain ApiObject; the problem when it has no pod template.
 * Call it once the tree is complete (at validation): the patches are chosen from the resolved object.
 */
export function patchPodTemplate(
  target: KubeTarget,
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
  object: KubeObject = resolvedObject(target),
): string[] {
  const patches = podTemplatePatches(object, labels, annotations);
  if (typeof patches === 'string') return [patches];
  target.apiObject.addJsonPatch(...patches);
  return [];
}

/** The labels of the pod template of a resolved object. */
export function podTemplateLabels(object: KubeObject): Readonly<Record<string, unknown>> {
  const metadata = podTemplateOf(object)?.metadata;
  return isRecord(metadata) && isRecord(metadata.labels) ? metadata.labels : {};
}

/** An RFC 6901 JSON pointer: `~` and `/` inside a key are escaped. */
function pointer(keys: readonly string[]): string {
  return keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
