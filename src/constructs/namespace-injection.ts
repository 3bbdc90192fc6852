import { type IConstruct } from 'constructs';
import { findInApp, isNamespaceObject } from '../core/app-index';
import { INJECTION_LABEL, InjectionMode, REVISION_LABEL, SIDECAR_INJECT_LABEL } from '../model/injection-mode';
import { INJECTOR_IGNORED_NAMESPACES, injectingRevision } from '../model/webhook-selectors';
import { MeshNamespace } from './mesh-namespace';

/**
 * Why a pod that opts in to sidecar injection (`sidecar.istio.io/inject=true`, and `istio.io/rev` for a revision) is
 * not injected as it asks: `skipped` in a namespace the injector always leaves alone (kube-system, ...), `disabled`
 * when the namespace's labels select no webhook, `revision` when the namespace's webhook injects another revision
 * than the pod's. `namespace` starts a message, e.g. `namespace 'shop' has injection disabled
 * (istio-injection=disabled)` or `namespace 'shop' injects revision 'default' (sidecar)`; `declaredBy` is the path of
 * a hand-labelled Namespace object (undefined for a MeshNamespace, whose injection mode is the fix).
 */
export interface InjectionOverrule {
  readonly kind: 'skipped' | 'disabled' | 'revision';
  readonly namespace: string;
  readonly declaredBy?: string;
}

/**
 * How the webhooks treat a pod of `namespace` that opts in (with `podRevision`, if any), from the namespace's labels
 * as the app declares them: its MeshNamespace, else a `v1/Namespace` ApiObject of the app. Undefined when the pod
 * is injected as it asks, or the app does not declare the namespace (its labels are unknown).
 */
export function namespaceOverrule(scope: IConstruct, namespace: string, podRevision: string | undefined): InjectionOverrule | undefined {
  if (INJECTOR_IGNORED_NAMESPACES.has(namespace)) {
    return { kind: 'skipped', namespace: `namespace '${namespace}' is one the injector always skips` };
  }
  const declared = declaredLabels(scope, namespace);
  if (!declared) return undefined;
  const pod = { [SIDECAR_INJECT_LABEL]: 'true', ...(podRevision !== undefined ? { [REVISION_LABEL]: podRevision } : {}) };
  const injecting = injectingRevision(declared.labels, pod);
  const at = declared.declaredBy ? ` (${declared.declaredBy})` : '';
  if (injecting === undefined) {
    const label = `${INJECTION_LABEL}=${declared.labels[INJECTION_LABEL]}`;
    return {
      kind: 'disabled',
      namespace: `namespace '${namespace}'${at} has injection disabled (${label})`,
      declaredBy: declared.declaredBy,
    };
  }
  if (podRevision === undefined || injecting === podRevision) return undefined;
  return {
    kind: 'revision',
    namespace: `namespace '${namespace}'${at} injects revision '${injecting}' (${declared.mode})`,
    declaredBy: declared.declaredBy,
  };
}

interface DeclaredLabels {
  readonly labels: Record<string, string>;
  /** The MeshNamespace's mode (`sidecar`, `revision/canary`), or the deciding label of a hand-labelled namespace. */
  readonly mode: string;
  readonly declaredBy?: string;
}

function declaredLabels(scope: IConstruct, namespace: string): DeclaredLabels | undefined {
  const mesh = MeshNamespace.findAll(scope, namespace)[0];
  if (mesh) {
    // A mode that is not an InjectionMode is reported by the MeshNamespace.
    return InjectionMode.isInjectionMode(mesh.injection) ? { labels: mesh.injection.labels(), mode: mesh.injection.toString() } : undefined;
  }
  const object = findInApp(scope, isNamespaceObject).find((o) => o.metadata.name === namespace);
  if (!object) return undefined;
  const labels: Record<string, string> = {};
  for (const key of [INJECTION_LABEL, REVISION_LABEL]) {
    const value: unknown = object.metadata.getLabel(key);
    if (typeof value === 'string') labels[key] = value;
  }
  const deciding = INJECTION_LABEL in labels ? INJECTION_LABEL : REVISION_LABEL;
  return { labels, mode: `${deciding}=${labels[deciding]}`, declaredBy: object.node.path };
}
