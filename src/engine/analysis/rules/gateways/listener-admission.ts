/**
 * Which listeners of a Gateway API Gateway accept a route, judged as Istio 1.30.3 attaches routes: the parentRef's
 * sectionName and port pick the listeners, then each must admit the route's namespace, its kind and one of its
 * hostnames. A route no chosen listener accepts is attached to nothing.
 */
import { GATEWAY_API_GROUP, hostnamesIntersect } from '../../../../model/traffic/gateway-api';
import { isRecord } from '../../../k8s/object';
import { matches, type ObjectIndex } from '../../index-objects';
import { stringMap } from '../../workloads';
import { type IndexedK8sGateway, type Listener, type ObjectReference, type RouteKind } from './gateway-api';

const HTTP_KINDS: readonly RouteKind[] = ['HTTPRoute', 'GRPCRoute'].map((kind) => ({ group: GATEWAY_API_GROUP, kind }));
const TCP_KIND: RouteKind = { group: GATEWAY_API_GROUP, kind: 'TCPRoute' };
const TLS_KIND: RouteKind = { group: GATEWAY_API_GROUP, kind: 'TLSRoute' };

/** The listeners a parentRef's sectionName and port select (every listener when it gives neither). */
export function listenersFor(gateway: IndexedK8sGateway, ref: ObjectReference): readonly Listener[] {
  return gateway.listeners.filter(
    (l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port),
  );
}

/**
 * Whether a listener's allowedRoutes admit routes of `routeNamespace`. A selector is judged only by its matchLabels
 * and only when the route's Namespace is in the input (or the selector names it by kubernetes.io/metadata.name):
 * other namespaces' labels are unknown, and matchExpressions are given the benefit of the doubt.
 */
export function admitsNamespace(index: ObjectIndex, listener: Listener, gatewayNamespace: string, routeNamespace: string): boolean {
  const allowed = listener.allowedNamespaces ?? {};
  const from = allowed.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  const selector = isRecord(allowed.selector) ? allowed.selector : {};
  if (from !== 'Selector' || selector.matchExpressions !== undefined) return true;
  const wanted = stringMap(selector.matchLabels);
  const onlyName = Object.keys(wanted).every((k) => k === 'kubernetes.io/metadata.name');
  if (!onlyName && !index.namespace(routeNamespace)) return true;
  return matches(wanted, index.namespaceLabels(routeNamespace));
}

/**
 * The route kinds a listener takes: those its protocol supports in Istio (HTTP and HTTPS: HTTPRoute, GRPCRoute;
 * TLS: TLSRoute, and TCPRoute when it terminates; TCP: TCPRoute; UDP: none), narrowed to allowedRoutes.kinds when
 * given. Undefined for other protocols (a waypoint's HBONE, an implementation's own), which are not judged.
 */
export function routeKindsOf(listener: Listener): readonly RouteKind[] | undefined {
  const supported = supportedKinds(listener);
  if (!supported || !listener.allowedKinds) return supported;
  const allowed = listener.allowedKinds;
  return supported.filter((s) => allowed.some((a) => a.group === s.group && a.kind === s.kind));
}

function supportedKinds(listener: Listener): readonly RouteKind[] | undefined {
  switch (listener.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return HTTP_KINDS;
    case 'TCP':
      return [TCP_KIND];
    case 'TLS':
      // The CRD defaults tls.mode to Terminate.
      return listener.tls && (listener.tls.mode ?? 'Terminate') === 'Terminate' ? [TLS_KIND, TCP_KIND] : [TLS_KIND];
    case 'UDP':
      return [];
    default:
      return undefined;
  }
}

/** Whether a listener takes routes of `kind` (Gateway API group); true for listeners whose kinds are not judged. */
export function admitsKind(listener: Listener, kind: string): boolean {
  const kinds = routeKindsOf(listener);
  return !kinds || kinds.some((k) => k.group === GATEWAY_API_GROUP && k.kind === kind);
}

/** Whether one of a route's hostnames can match the listener's hostname (a route without hostnames matches any). */
export function admitsHostnames(listener: Listener, hostnames: readonly string[]): boolean {
  return hostnames.length === 0 || hostnames.some((h) => hostnamesIntersect(listener.hostname, h));
}
