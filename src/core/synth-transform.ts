/**
 * Object transforms that constructs declare and MeshApp applies to the synthesized objects: how a construct changes
 * an object it does not own (a user's workload) without touching the user's ApiObject. Only MeshApp applies them.
 * Both the constructs and the synth layer import this file; it depends on neither, and not on cdk8s (constructs
 * are recognised by shape, like `isOutputDescriber`).
 */
import { type KubeObject } from '../engine/k8s/object';

/** A construct that rewrites the synthesized object of one ApiObject. */
export interface ISynthTransform {
  /** The ApiObject whose synthesized object is rewritten. */
  readonly synthTarget: object;
  /** The object to write instead of `object`: called once per synthesized object of the target. */
  transformObject(object: KubeObject): KubeObject;
}

export function isSynthTransform(value: unknown): value is ISynthTransform {
  const candidate = value as Partial<ISynthTransform> | null | undefined;
  return typeof candidate?.transformObject === 'function' && typeof candidate.synthTarget === 'object' && candidate.synthTarget !== null;
}

/** The transforms among `constructs` (one walk of the tree), by target, in construct order. */
export function synthTransforms(constructs: Iterable<unknown>): Map<object, ISynthTransform[]> {
  const byTarget = new Map<object, ISynthTransform[]>();
  for (const c of constructs) {
    if (!isSynthTransform(c)) continue;
    const list = byTarget.get(c.synthTarget);
    if (list) list.push(c);
    else byTarget.set(c.synthTarget, [c]);
  }
  return byTarget;
}

/** `objects` with each object replaced by the result of its target's transforms; the others stay as they are. */
export function applySynthTransforms<T extends { readonly object: KubeObject; readonly apiObject: object }>(
  objects: readonly T[],
  transforms: ReadonlyMap<object, readonly ISynthTransform[]>,
): T[] {
  if (transforms.size === 0) return [...objects];
  return objects.map((o) => {
    const list = transforms.get(o.apiObject);
    return list ? { ...o, object: list.reduce((object, t) => t.transformObject(object), o.object) } : o;
  });
}
