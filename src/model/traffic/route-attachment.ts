/**
 * Whether a Gateway API listener takes a route, judged as Istio 1.30.3 attaches routes: the parentRef's sectionName
 * and port pick the listeners, then one of them must admit the route's namespace, its kind and one of its hostnames.
 * The HttpRoute construct's checks and the analysis rules (CDK8SI050, CDK8SI056) both call `routeAttachment`, so the
 * two cannot disagree.
 */
import { GATEWAY_API_GROUP, hostnamesIntersect } from './gateway-api';
import { admitsNamespace, type AllowedNamespaces, type NamespaceLabels } from './namespace-admission';

export interface RouteKind {
  readonly group: string;
  readonly kind: string;
}

/** What the attachment rules read of a listener: a rendered `ListenerSpec`, or one read from YAML. */
export interface AttachableListener {
  readonly name: string;
  readonly port?: number;
  /** Upper case. */
  readonly protocol: string;
  /** Absent: every hostname. */
  readonly hostname?: string;
  /** `mode` defaults to Terminate (the CRD's default). */
  readonly tls?: { readonly mode?: unknown };
  readonly allowedRoutes?: {
    /** Absent: routes of the Gateway's own namespace only. */
    readonly namespaces?: AllowedNamespaces;
    /** The group defaults to Gateway API's; absent or empty: the kinds the protocol supports. */
    readonly kinds?: readonly { readonly group?: string; readonly kind: string }[];
  };
}

/** A parentRef's choice of listeners; neither field: every listener. */
export interface ListenerChoice {
  readonly sectionName?: string;
  readonly port?: number;
}

/** What the rules read of a route. */
export interface AttachingRoute {
  readonly namespace: string;
  /** `HTTPRoute`, `GRPCRoute`, `TLSRoute` or `TCPRoute` (Gateway API group). */
  readonly kind: string;
  /** Empty: every hostname. */
  readonly hostnames: readonly string[];
}

/**
 * Why a route does not attach through a parentRef, with the listeners concerned: `no-listener` (sectionName and port
 * pick none), `namespace` (the picked ones, none admitting the route's namespace), `kind` (those admitting the
 * namespace, none taking the kind), `hostname` (those taking namespace and kind in a judged protocol, none sharing a
 * hostname with the route). `problem` undefined: the route attaches.
 */
export interface RouteAttachment<L extends AttachableListener> {
  readonly problem?: 'no-listener' | 'namespace' | 'kind' | 'hostname';
  readonly listeners: readonly L[];
}

const HTTP_KINDS: readonly RouteKind[] = ['HTTPRoute', 'GRPCRoute'].map((kind) => ({ group: GATEWAY_API_GROUP, kind }));
const TCP_KIND: RouteKind = { group: GATEWAY_API_GROUP, kind: 'TCPRoute' };
const TLS_KIND: RouteKind = { group: GATEWAY_API_GROUP, kind: 'TLSRoute' };

/** The listener protocols that carry each route kind in Istio, for messages. */
export const KIND_PROTOCOLS: Readonly<Record<string, string>> = {
  HTTPRoute: 'HTTP or HTTPS',
  GRPCRoute: 'HTTP or HTTPS',
  TLSRoute: 'TLS',
  TCPRoute: 'TCP, or TLS in mode Terminate',
};

export function routeAttachment<L extends AttachableListener>(
  listeners: readonly L[],
  choice: ListenerChoice,
  gatewayNamespace: string,
  route: AttachingRoute,
  namespaceLabels: NamespaceLabels,
): RouteAttachment<L> {
  const chosen = listenersFor(listeners, choice);
  if (chosen.length === 0) return { problem: 'no-listener', listeners: [] };
  const admitted = chosen.filter((l) =>
    admitsNamespace(l.allowedRoutes?.namespaces, gatewayNamespace, route.namespace, namespaceLabels, 'route'),
  );
  if (admitted.length === 0) return { problem: 'namespace', listeners: chosen };
  const taking = admitted.filter((l) => admitsKind(l, route.kind));
  if (taking.length === 0) return { problem: 'kind', listeners: admitted };
  // Listeners of protocols not judged (a waypoint's HBONE) are left to their implementation.
  const judged = taking.filter((l) => routeKindsOf(l) !== undefined);
  if (judged.length > 0 && !judged.some((l) => admitsHostnames(l, route.hostnames))) return { problem: 'hostname', listeners: judged };
  return { listeners: taking };
}

/** The listeners a parentRef's sectionName and port select (every listener when it gives neither). */
export function listenersFor<L extends AttachableListener>(listeners: readonly L[], choice: ListenerChoice): L[] {
  return listeners.filter(
    (l) => (choice.sectionName === undefined || l.name === choice.sectionName) && (choice.port === undefined || l.port === choice.port),
  );
}

/**
 * The route kinds a listener takes: those its protocol supports in Istio (HTTP and HTTPS: HTTPRoute, GRPCRoute;
 * TLS: TLSRoute, and TCPRoute when it terminates; TCP: TCPRoute; UDP: none), narrowed to allowedRoutes.kinds when
 * given. Undefined for other protocols (a waypoint's HBONE, an implementation's own), which are not judged.
 */
export function routeKindsOf(listener: AttachableListener): readonly RouteKind[] | undefined {
  const supported = supportedKinds(listener);
  const allowed = listener.allowedRoutes?.kinds;
  if (!supported || !allowed?.length) return supported;
  return supported.filter((s) => allowed.some((a) => (a.group ?? GATEWAY_API_GROUP) === s.group && a.kind === s.kind));
}

/** The route kinds a listener's protocol carries in Istio, whatever its allowedRoutes.kinds; undefined: not judged. */
export function supportedKinds(listener: AttachableListener): readonly RouteKind[] | undefined {
  switch (listener.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return HTTP_KINDS;
    case 'TCP':
      return [TCP_KIND];
    case 'TLS':
      return listener.tls && (listener.tls.mode ?? 'Terminate') === 'Terminate' ? [TLS_KIND, TCP_KIND] : [TLS_KIND];
    case 'UDP':
      return [];
    default:
      return undefined;
  }
}

/** Whether a listener takes routes of `kind` (Gateway API group); true for listeners whose kinds are not judged. */
export function admitsKind(listener: AttachableListener, kind: string): boolean {
  const kinds = routeKindsOf(listener);
  return !kinds || kinds.some((k) => k.group === GATEWAY_API_GROUP && k.kind === kind);
}

/** Whether one of a route's hostnames can match the listener's hostname (a route without hostnames matches any). */
export function admitsHostnames(listener: AttachableListener, hostnames: readonly string[]): boolean {
  return hostnames.length === 0 || hostnames.some((h) => hostnamesIntersect(listener.hostname, h));
}

/** `'a' (HTTP) takes HTTPRoute, GRPCRoute`, for messages about listeners that do not take a kind. */
export function describeKinds(listener: AttachableListener): string {
  const kinds = routeKindsOf(listener)?.map((k) => k.kind);
  return `'${listener.name}' (${listener.protocol}) takes ${kinds?.join(', ') || 'no kind'}`;
}
