import { SYNC_WAVE_ANNOTATION } from '../core/stage';
import { describeObject, isRecord, type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';
import { type SynthObject } from './collect';
import { ScopeTable } from '../engine/k8s/scope';

/**
 * The safety net for namespaces. An object of a namespaced kind without `metadata.namespace` would land
 * wherever the applying tool points (kubectl's context, the Application's destination), so it is an error,
 * never a guess. A cluster-scoped object with a namespace (cdk8s gives every object of a Chart with a
 * namespace one) loses it: the server would drop it, and GitOps tools would show the difference.
 * Kinds unknown to the table (custom resources whose CRD is not in the output) are left alone.
 * Mutates the objects (fresh copies from synth).
 */
export function normalizeNamespaces(objects: readonly SynthObject[]): void {
  const scopes = ScopeTable.fromObjects(objects.map((o) => o.object));
  const errors: string[] = [];
  for (const o of objects) {
    const namespaced = scopes.isNamespaced(o.object);
    if (namespaced === true && !o.object.metadata.namespace) {
      errors.push(
        `[${o.constructPath}] ${describeObject(o.object)} has no metadata.namespace: ` +
          'set it, or give its Chart a namespace, so every tool applies it to the same place',
      );
    } else if (namespaced === false && o.object.metadata.namespace !== undefined) {
      delete (o.object.metadata as Record<string, unknown>).namespace;
    }
  }
  if (errors.length > 0) {
    throw new UserError(
      `synth failed: ${errors.length} object${errors.length === 1 ? '' : 's'} without a namespace:\n  ${errors.join('\n  ')}`,
    );
  }
}

/** The object with the sync-wave annotation set to `wave`, unless it already has one (an explicit choice wins). */
export function withSyncWave(obj: KubeObject, wave: number): KubeObject {
  if (obj.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined) return obj;
  const { annotations, ...rest } = obj.metadata;
  // `annotations` sorts first among metadata keys, where cdk8s would have put it.
  return { ...obj, metadata: { annotations: { ...annotations, [SYNC_WAVE_ANNOTATION]: String(wave) }, ...rest } };
}

/**
 * Adds `divisor: '0'` to every resourceFieldRef of the object's pod spec that has none: the API server
 * stores the field anyway, so leaving it out would show as a permanent diff in Argo CD.
 * Mutates the object (a fresh copy from synth).
 */
export function addExplicitDivisors(obj: KubeObject): void {
  const pod = podSpecOf(obj);
  if (!pod) return;
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const container of records(pod[key])) {
      for (const env of records(container.env)) {
        if (isRecord(env.valueFrom)) fillDivisor(env.valueFrom.resourceFieldRef);
      }
    }
  }
  for (const volume of records(pod.volumes)) {
    const downward = [
      volume.downwardAPI,
      ...records(isRecord(volume.projected) ? volume.projected.sources : undefined).map((s) => s.downwardAPI),
    ];
    for (const d of downward) {
      for (const item of records(isRecord(d) ? d.items : undefined)) fillDivisor(item.resourceFieldRef);
    }
  }
}

function podSpecOf(obj: KubeObject): Record<string, unknown> | undefined {
  const spec = obj.spec;
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'PodTemplate') return isRecord(obj.template) && isRecord(obj.template.spec) ? obj.template.spec : undefined;
  const template =
    obj.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec)
      ? spec.jobTemplate.spec.template
      : spec.template;
  return isRecord(template) && isRecord(template.spec) && Array.isArray(template.spec.containers) ? template.spec : undefined;
}

/** Sets the divisor and keeps the keys sorted, as cdk8s writes them. */
function fillDivisor(ref: unknown): void {
  if (!isRecord(ref) || ref.divisor !== undefined) return;
  const entries = Object.entries({ ...ref, divisor: '0' }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of Object.keys(ref)) delete ref[key];
  Object.assign(ref, Object.fromEntries(entries));
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
