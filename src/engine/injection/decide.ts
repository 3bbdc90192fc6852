/** Whether a pod gets a sidecar: kube-inject's policy (enabled by default, the pod can opt out). */
import { selectorMatches } from './selectors';
import { type Tree } from './tree';

const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
const INJECT_KEY = 'sidecar.istio.io/inject';

export type Decision = { readonly inject: true } | { readonly inject: false; readonly reason: 'host-network' | 'disabled' };

/**
 * Host-network pods are skipped (their iptables rules would change the node), as are pods in system
 * namespaces and pods that set `sidecar.istio.io/inject: "false"` (the label wins over the annotation).
 * Without an explicit "true" or "false", a pod matching one of `neverInjectSelectors` is skipped, as the
 * webhook does; otherwise the default applies, which is to inject.
 */
export function decideInjection(meta: Tree, spec: Tree, neverInjectSelectors: readonly unknown[] = []): Decision {
  if (spec.hostNetwork === true) return { inject: false, reason: 'host-network' };
  if (typeof meta.namespace === 'string' && IGNORED_NAMESPACES.has(meta.namespace)) return { inject: false, reason: 'disabled' };
  const labels = (meta.labels ?? {}) as Record<string, unknown>;
  const annotations = (meta.annotations ?? {}) as Record<string, unknown>;
  const selector = INJECT_KEY in labels ? labels[INJECT_KEY] : annotations[INJECT_KEY];
  if (selector === 'false') return { inject: false, reason: 'disabled' };
  if (selector !== 'true' && neverInjectSelectors.some((s) => selectorMatches(s, labels as Record<string, string>))) {
    return { inject: false, reason: 'disabled' };
  }
  return { inject: true };
}

/** The warning kube-inject prints for a skipped workload. */
export function skipWarning(reason: 'host-network' | 'disabled', kind: string, fullName: string): string {
  const what = reason === 'host-network' ? 'has host networking enabled' : 'has sidecar injection disabled';
  return `===> Skipping injection because ${kind !== '' ? `${kind} ` : ''}"${fullName}" ${what}`;
}
