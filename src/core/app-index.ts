import { ApiObject } from 'cdk8s';
import { type IConstruct } from 'constructs';

/** A type guard for constructs; pass a stable function (a static `isX`), since lookups are memoized by it. */
export type ConstructGuard<T extends IConstruct> = (c: IConstruct) => c is T;

/** A complete tree: its constructs grouped by guard. Its identity marks one synth, for memos. */
export interface CompleteTree {
  readonly all: readonly IConstruct[];
  readonly byGuard: Map<ConstructGuard<IConstruct>, IConstruct[]>;
}

/** Roots whose tree is complete (during MeshApp synth). */
const frozen = new WeakMap<IConstruct, CompleteTree>();

/** The complete tree of the app of `scope` while it synthesizes, else undefined (the tree may still grow). */
export function completeTree(scope: IConstruct): CompleteTree | undefined {
  return frozen.get(scope.node.root);
}

/**
 * Every construct of the app of `scope` that `guard` accepts, in construct order. Guards are brand checks, not
 * `instanceof`, so constructs made by another copy of a library are found too. While the app is being built the
 * tree can still grow, so each call walks it; inside `withCompleteTree` one walk serves every lookup, which keeps
 * synth linear in the number of workloads instead of quadratic.
 */
export function findInApp<T extends IConstruct>(scope: IConstruct, guard: ConstructGuard<T>): T[] {
  const root = scope.node.root;
  const index = frozen.get(root);
  if (!index) return root.node.findAll().filter(guard);
  let list = index.byGuard.get(guard);
  if (!list) index.byGuard.set(guard, (list = index.all.filter(guard)));
  return list as T[];
}

/** Runs `fn` with the tree of `root` treated as complete (no constructs are added meanwhile), and given to it. */
export function withCompleteTree<R>(root: IConstruct, fn: (tree: CompleteTree) => R): R {
  const tree: CompleteTree = { all: root.node.findAll(), byGuard: new Map() };
  frozen.set(root, tree);
  try {
    return fn(tree);
  } finally {
    frozen.delete(root);
  }
}

/** Whether `c` is a v1 Namespace object: one stable guard, so every lookup of namespaces shares one memo. */
export function isNamespaceObject(c: IConstruct): c is ApiObject {
  return ApiObject.isApiObject(c) && c.kind === 'Namespace' && c.apiVersion === 'v1';
}

/** The labels of the app's Namespace object `name`, or undefined when the app does not define it. */
export function appNamespaceLabels(scope: IConstruct, name: string): Readonly<Record<string, string>> | undefined {
  const found = findInApp(scope, isNamespaceObject).find((o) => o.name === name);
  return found ? { ...found.metadata.toJson().labels } : undefined;
}
