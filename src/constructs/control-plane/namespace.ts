import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { type Construct, type IConstruct } from 'constructs';
import { findInApp, isNamespaceObject } from '../../core/app-index';
import { isNamespaceOwner, type NamespaceOwner } from '../../core/gateway';

/** The prop every chart-rendering construct (control plane, gateways) shares for its namespace. */
export interface ControlPlaneNamespaceProps {
  /**
   * Create the namespace, as `helm install --create-namespace` does. The first control-plane or gateway construct
   * of a namespace in the app (in construction order) adds a `v1/Namespace` child with id `Namespace`; later ones in
   * the same namespace use it. Any other Namespace object of that name in the app (a MeshNamespace, an ApiObject) is
   * then a synth error. `false` declares the namespace managed elsewhere: nothing creates it and nothing checks
   * that it exists; every control-plane or gateway construct of that namespace must then say `false`. Namespaces
   * Kubernetes creates (kube-system, kube-public, kube-node-lease, default) are never created: `true` is an error there.
   * @default - true, except false for the namespaces Kubernetes creates
   */
  readonly createNamespace?: boolean;
}

/** Namespaces every Kubernetes cluster creates and owns: a construct never emits (so GitOps never prunes) them. */
const CLUSTER_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'default']);

/**
 * `createNamespace` as given, else true except for the namespaces Kubernetes itself creates (kube-system, ...).
 * An explicit true for those is an error (returned for the construct's validation): a GitOps tool that prunes
 * would delete kube-system with the app.
 */
export function resolveCreateNamespace(namespace: string, given: boolean | undefined): { value: boolean; errors: string[] } {
  if (!CLUSTER_NAMESPACES.has(namespace)) return { value: given ?? true, errors: [] };
  const errors =
    given === true
      ? [
          `createNamespace: true for '${namespace}': Kubernetes creates and owns that namespace, and pruning the app would delete it; leave createNamespace unset`,
        ]
      : [];
  return { value: false, errors };
}

/**
 * Adds the Namespace object of `construct`'s namespace when it creates it and no earlier control-plane or gateway
 * construct of the app did, and registers the checks above as its validation. Call it from the constructor, after
 * `namespace` and `createNamespace` are set and before the chart's objects are added (so the Namespace comes first).
 * A gateway's namespace is not a control-plane namespace: synth stages it with the other namespaces.
 */
export function addReleaseNamespace(construct: Construct & NamespaceOwner): ApiObject | undefined {
  construct.node.addValidation({ validate: () => namespaceErrors(construct) });
  if (!construct.createNamespace) return undefined;
  const created = ownersIn(construct, construct.namespace).some((c) => c !== construct && c.namespaceObject !== undefined);
  if (created) return undefined;
  const namespace = new ApiObject(construct, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: construct.namespace } });
  // Namespaces are cluster-scoped: drop the namespace cdk8s copies from a chart that has one.
  if (Chart.of(construct).namespace) namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return namespace;
}

function namespaceErrors(construct: NamespaceOwner): string[] {
  const name = construct.namespace;
  const planes = ownersIn(construct, name);
  const paths = planes.map((c) => c.node.path).join(', ');
  const errors: string[] = [];
  const own = construct.namespaceObject;
  if (own) {
    for (const other of findInApp(construct, isNamespaceObject).filter((o) => o !== own && o.name === name)) {
      errors.push(
        `namespace '${name}' is created here (createNamespace defaults to true) and also declared by ${other.node.path}: ` +
          `keep one of them: set createNamespace: false on ${paths}, or remove ${other.node.path}`,
      );
    }
  }
  const creator = planes.find((c) => c.namespaceObject !== undefined);
  if (!construct.createNamespace && creator) {
    errors.push(
      `createNamespace: false declares namespace '${name}' managed elsewhere, but ${creator.node.path} creates it: ` +
        `set createNamespace: false there too, or leave it unset here`,
    );
  }
  return errors;
}

function ownersIn(scope: IConstruct, namespace: string): NamespaceOwner[] {
  return findInApp(scope, isNamespaceOwner).filter((c) => c.namespace === namespace);
}
