/**
 * Which sidecar injection webhook takes a pod, from the selectors of Istio 1.30.3's injector webhooks (the istiod
 * chart's MutatingWebhookConfiguration and its revision tags): one function for synth's construct checks and the
 * analysis rules, so they cannot disagree.
 */
import { DEFAULT_REVISION, INJECTION_LABEL, REVISION_LABEL, SIDECAR_INJECT_LABEL } from './injection-mode';

/** Namespaces whose pods the injector leaves alone even when its webhook is called. */
export const INJECTOR_IGNORED_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

/**
 * The revision (or tag) whose webhook injects a pod with labels `pod` in a namespace with labels `ns`; undefined
 * when no webhook selects it. The namespace decides first: `istio-injection` (only `enabled` selects: the default
 * revision; any other value selects nothing), then `istio.io/rev`. The pod's `istio.io/rev`, else its
 * `sidecar.istio.io/inject=true` (the default revision), count only in a namespace with neither label. The pod label
 * `sidecar.istio.io/inject=false` always opts out. The selectors are disjoint, so one pod never matches two
 * revisions. Not modelled: `sidecarInjectorWebhook.enableNamespacesByDefault` (off by default).
 */
export function injectingRevision(ns: Readonly<Record<string, string>>, pod: Readonly<Record<string, string>>): string | undefined {
  if (pod[SIDECAR_INJECT_LABEL] === 'false') return undefined;
  const nsInjection = ns[INJECTION_LABEL];
  if (nsInjection !== undefined) return nsInjection === 'enabled' ? DEFAULT_REVISION : undefined;
  const nsRevision = ns[REVISION_LABEL];
  if (nsRevision !== undefined) return nsRevision;
  const podRevision = pod[REVISION_LABEL];
  if (podRevision !== undefined) return podRevision;
  return pod[SIDECAR_INJECT_LABEL] === 'true' ? DEFAULT_REVISION : undefined;
}
