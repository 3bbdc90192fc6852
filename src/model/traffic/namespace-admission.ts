/**
 * Whether a Gateway API listener's `allowedRoutes.namespaces` admits a namespace, as Istio 1.30.3 reads the field for
 * its two uses: routes attaching to a Gateway (route-attachment.ts, for the HttpRoute construct and CDK8SI050/056) and
 * Services, workloads and namespaces that name a waypoint with `istio.io/use-waypoint` (the Waypoint construct and
 * CDK8SI031). One function, so the constructs and the analysis cannot disagree.
 */
import { labelSelectorKeys, labelSelectorMatches } from '../label-selector';

/**
 * Which Istio reader judges. Both read Same (the default), All, and selectors (matchLabels and matchExpressions,
 * against the namespace's labels with `kubernetes.io/metadata.name`) alike. They differ on invalid fields: `from:
 * Selector` without a selector admits every namespace for routes (istiod offers the listener's hosts to `*`) and none
 * for waypoints (a nil label selector selects nothing); an unknown `from` is read as Selector for routes and as Same
 * for waypoints.
 */
export type AdmissionUse = 'route' | 'waypoint';

/** A listener's `allowedRoutes.namespaces`, as written or read from YAML. */
export interface AllowedNamespaces {
  readonly from?: string;
  /** A Kubernetes LabelSelector (matchLabels, matchExpressions). */
  readonly selector?: unknown;
}

/**
 * The labels of a namespace (`kubernetes.io/metadata.name` may be left out), or undefined when the namespace is not
 * known (then a selector on other labels is given the benefit of the doubt).
 */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

/** The label Kubernetes puts on every namespace, holding its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether `allowed` (absent: Same) of a listener of a Gateway in `gatewayNamespace` admits `namespace`. A selector is
 * judged when the namespace's labels are known, or when it reads only the name label; else it is given the benefit
 * of the doubt (the namespace is defined outside the input).
 */
export function admitsNamespace(
  allowed: AllowedNamespaces | undefined,
  gatewayNamespace: string,
  namespace: string,
  namespaceLabels: NamespaceLabels,
  use: AdmissionUse,
): boolean {
  const from = allowed?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same' || (from !== 'Selector' && use === 'waypoint')) return namespace === gatewayNamespace;
  const selector = allowed?.selector;
  if (selector === undefined || selector === null) return use === 'route';
  const onlyName = labelSelectorKeys(selector).every((k) => k === NAMESPACE_NAME_LABEL);
  const known = namespaceLabels(namespace) ?? (onlyName ? {} : undefined);
  if (!known) return true;
  return labelSelectorMatches(selector, { ...known, [NAMESPACE_NAME_LABEL]: namespace });
}
