import { type IConstruct } from 'constructs';

type ConstructType<T> = abstract new (...args: any[]) => T;

/** A complete tree: its constructs grouped by type. Its identity marks one synth, for memos. */
export interface CompleteTree {
  readonly all: readonly IConstruct[];
  readonly byType: Map<Function, IConstruct[]>;
}

/** Roots whose tree is complete (during MeshApp synth). */
const frozen = new WeakMap<IConstruct, CompleteTree>();

/** The complete tree of the app of `scope` while it synthesizes, else undefined (the tree may still grow). */
export function completeTree(scope: IConstruct): CompleteTree | undefined {
  return frozen.get(scope.node.root);
}

/**
 * Every construct of `type` in the app of `scope`, in construct order. While the app is being built the tree
 * can still grow, so each call walks it; inside `withCompleteTree` one walk serves every lookup, which keeps
 * synth linear in the number of workloads instead of quadratic.
 */
export function findInApp<T extends IConstruct>(scope: IConstruct, type: ConstructType<T>): T[] {
  const root = scope.node.root;
  const index = frozen.get(root);
  if (!index) return root.node.findAll().filter((c): c is T => c instanceof type);
  let list = index.byType.get(type);
  if (!list) index.byType.set(type, (list = index.all.filter((c) => c instanceof type)));
  return list as T[];
}

/** Runs `fn` with the tree of `root` treated as complete (no constructs are added meanwhile). */
export function withCompleteTree<R>(root: IConstruct, fn: () => R): R {
  frozen.set(root, { all: root.node.findAll(), byType: new Map() });
  try {
    return fn();
  } finally {
    frozen.delete(root);
  }
}
