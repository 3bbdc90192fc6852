/** Container lookups and moves on a pod object. */
import { isRecord } from '../k8s/object';
import { type Tree } from './tree';

export function containerList(spec: Tree, field: 'containers' | 'initContainers'): Tree[] {
  return Array.isArray(spec[field]) ? ((spec[field] as unknown[]).filter(isRecord) as Tree[]) : [];
}

/** The named container, looked up in containers first, then in init containers. */
export function findContainer(pod: Tree, name: string): Tree | undefined {
  const spec = (pod.spec ?? {}) as Tree;
  return (
    containerList(spec, 'containers').find((c) => c.name === name) ?? containerList(spec, 'initContainers').find((c) => c.name === name)
  );
}

export type Move = 'first' | 'last' | 'remove';

/** The list with the named container moved to the front or back, or removed. */
export function moveContainer(list: Tree[], name: string, move: Move): Tree[] {
  const rest = list.filter((c) => c.name !== name);
  const match = list.find((c) => c.name === name);
  if (!match || move === 'remove') return rest;
  return move === 'first' ? [match, ...rest] : [...rest, match];
}
