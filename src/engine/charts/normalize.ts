import { UserError } from '../../errors';
import { isKubeObject, isRecord, type KubeObject } from '../k8s/object';
import { isBuiltInClusterScoped } from '../k8s/scope';

/**
 * Makes rendered objects match what the API server will hold, so GitOps tools see no drift:
 * - every namespaced object gets `metadata.namespace` (helm leaves it to the client's kube context otherwise);
 * - every `resourceFieldRef` without a divisor gets `divisor: '0'`: the field is a non-pointer Quantity in the
 *   Kubernetes API, so the server always returns it, as "0" when unset (meaning "1" when used).
 * Objects are changed in place (they are freshly parsed) and returned in helm's order.
 */
export function normalizeRendered(values: readonly unknown[], namespace: string, source: string): KubeObject[] {
  const objects = values.map((value, i) => {
    if (!isKubeObject(value)) throw new UserError(`${source}: document ${i + 1} is not a Kubernetes object (apiVersion, kind, metadata)`);
    return value;
  });
  const customClusterKinds = new Set(
    objects.flatMap((o) => {
      if (o.kind !== 'CustomResourceDefinition' || !isRecord(o.spec) || o.spec.scope !== 'Cluster') return [];
      const kind = isRecord(o.spec.names) ? o.spec.names.kind : undefined;
      return typeof kind === 'string' ? [kind] : [];
    }),
  );
  for (const obj of objects) {
    const clusterScoped = isBuiltInClusterScoped(obj) || customClusterKinds.has(obj.kind);
    if (!clusterScoped && !obj.metadata.namespace) (obj.metadata as Record<string, unknown>).namespace = namespace;
    fillDivisors(obj);
  }
  return objects;
}

// Plain loops, no Object.entries: this walks all of helm's output (the base chart's CRDs are ~900 kB) on every synth.
function fillDivisors(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) fillDivisors(item);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (key === 'resourceFieldRef' && isRecord(value) && value.divisor === undefined) value.divisor = '0';
    fillDivisors(value);
  }
}
