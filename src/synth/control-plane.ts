import { type IConstruct } from 'constructs';
import { findInApp } from '../core/app-index';
import { type IControlPlane, isControlPlane } from '../core/control-plane';
import { isNamespaceOwner, type NamespaceOwner } from '../core/gateway';
import { apiGroup, type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';
import { type ControlPlaneInfo } from './plan';

/** The control-plane constructs of the app of `scope` (by brand, so another copy of the library counts too). */
export function controlPlaneInfo(scope: IConstruct): ControlPlaneInfo & { readonly constructs: readonly IControlPlane[] } {
  const constructs = findInApp(scope, isControlPlane);
  return { constructs, namespaces: new Set(constructs.map((c) => c.namespace)) };
}

/** The control-plane and gateway constructs of the app of `scope`: every construct that may create its namespace. */
export function releaseNamespaceOwners(scope: IConstruct): readonly NamespaceOwner[] {
  return findInApp(scope, isNamespaceOwner);
}

/**
 * Fails when the namespace of a control-plane or gateway construct would not exist after applying the output: no
 * construct of it declared it managed elsewhere (`createNamespace: false`), yet no Namespace object of that name is
 * among `objects` (its Namespace child was removed, or renamed by a JSON patch).
 */
export function checkControlPlaneNamespaces(
  objects: readonly { readonly object: KubeObject }[],
  constructs: readonly NamespaceOwner[],
): void {
  const present = new Set(objects.filter((o) => isNamespace(o.object)).map((o) => o.object.metadata.name));
  const byNamespace = new Map<string, NamespaceOwner[]>();
  for (const c of constructs) byNamespace.set(c.namespace, [...(byNamespace.get(c.namespace) ?? []), c]);
  const problems = [...byNamespace]
    .filter(([namespace, users]) => !present.has(namespace) && users.every((c) => c.createNamespace))
    .map(([namespace, users]) => {
      const paths = users.map((c) => c.node.path).join(', ');
      const what = users.some(isControlPlane) ? 'control-plane' : 'gateway';
      return (
        `${what} namespace '${namespace}' (of ${paths}) has no Namespace object in the output: keep the Namespace ` +
        `that createNamespace adds, add one, or set createNamespace: false on ${paths} if the namespace is managed elsewhere`
      );
    });
  if (problems.length > 0) throw new UserError(`synth failed: ${problems.join('; ')}`);
}

function isNamespace(obj: KubeObject): boolean {
  return obj.kind === 'Namespace' && apiGroup(obj.apiVersion) === '';
}
