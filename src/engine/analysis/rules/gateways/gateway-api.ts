/** Reading Gateway API objects (gateway.networking.k8s.io): Gateways, their listeners, routes and their references. */
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { type AttachableListener, type RouteKind } from '../../../../model/traffic/route-attachment';
import { isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';
import { stringMap } from '../../workloads';

/** Route kinds that share `parentRefs` and `rules[].backendRefs`. */
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'];

/** A listener as read from YAML; the attachment rules (model/traffic/route-attachment) judge it. */
export interface Listener extends AttachableListener {
  readonly tls?: Readonly<Record<string, unknown>>;
}

export interface IndexedK8sGateway {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly name: string;
  readonly listeners: readonly Listener[];
  /** `spec.addresses` values of type Hostname: the Service of a manually deployed gateway. */
  readonly hostnameAddresses: readonly string[];
}

/** A reference of a route, with the defaults of the Gateway API filled in. */
export interface ObjectReference {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly port?: number;
  readonly sectionName?: string;
}

export interface IndexedGatewayRoute {
  readonly entry: SourcedObject;
  readonly namespace: string;
  /** `HTTPRoute`, `GRPCRoute`, `TLSRoute` or `TCPRoute`. */
  readonly kind: string;
  /** `spec.hostnames`; empty: every hostname (and always for a TCPRoute). */
  readonly hostnames: readonly string[];
  readonly parentRefs: readonly ObjectReference[];
  /** Backends of every rule, mirrors included. */
  readonly backendRefs: readonly ObjectReference[];
}

export function k8sGateways(index: ObjectIndex): readonly IndexedK8sGateway[] {
  return index.derived('gateways.k8s', () =>
    index.byKind('Gateway', GATEWAY_API_GROUP).map((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const listeners: unknown[] = Array.isArray(spec.listeners) ? spec.listeners : [];
      const addresses: unknown[] = Array.isArray(spec.addresses) ? spec.addresses : [];
      return {
        entry,
        namespace: entry.object.metadata.namespace ?? 'default',
        name: entry.object.metadata.name ?? '<unnamed>',
        listeners: listeners.filter(isRecord).map(toListener),
        hostnameAddresses: addresses
          .filter(isRecord)
          .filter((a) => a.type === 'Hostname' && typeof a.value === 'string')
          .map((a) => String(a.value)),
      };
    }),
  );
}

/** The Gateway API Gateway `namespace/name`, when it is in the input. */
export function k8sGateway(index: ObjectIndex, namespace: string, name: string): IndexedK8sGateway | undefined {
  const byName = index.derived('gateways.k8sByName', (idx) => new Map(k8sGateways(idx).map((g) => [`${g.namespace}/${g.name}`, g])));
  return byName.get(`${namespace}/${name}`);
}

function toListener(raw: Record<string, unknown>): Listener {
  const port = Number(raw.port);
  const routes = isRecord(raw.allowedRoutes) ? raw.allowedRoutes : {};
  const namespaces = isRecord(routes.namespaces) ? routes.namespaces : undefined;
  const kinds = Array.isArray(routes.kinds) ? routes.kinds.filter(isRecord).map(toRouteKind) : [];
  return {
    name: String(raw.name ?? ''),
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
    protocol: String(raw.protocol ?? '').toUpperCase(),
    ...(typeof raw.hostname === 'string' && raw.hostname ? { hostname: raw.hostname } : {}),
    ...(isRecord(raw.tls) ? { tls: raw.tls } : {}),
    ...(namespaces || kinds.length > 0
      ? {
          allowedRoutes: { ...(namespaces ? { namespaces: toAllowedNamespaces(namespaces) } : {}), ...(kinds.length > 0 ? { kinds } : {}) },
        }
      : {}),
  };
}

type AllowedNamespaces = NonNullable<NonNullable<AttachableListener['allowedRoutes']>['namespaces']>;

function toAllowedNamespaces(raw: Record<string, unknown>): AllowedNamespaces {
  const selector = isRecord(raw.selector) ? raw.selector : undefined;
  return {
    ...(typeof raw.from === 'string' ? { from: raw.from } : {}),
    ...(selector
      ? {
          selector: {
            matchLabels: stringMap(selector.matchLabels),
            ...(selector.matchExpressions !== undefined ? { matchExpressions: selector.matchExpressions } : {}),
          },
        }
      : {}),
  };
}

function toRouteKind(raw: Record<string, unknown>): RouteKind {
  return { group: typeof raw.group === 'string' ? raw.group : GATEWAY_API_GROUP, kind: String(raw.kind ?? '') };
}

/** Every HTTPRoute, GRPCRoute, TLSRoute and TCPRoute of the input. */
export function gatewayRoutes(index: ObjectIndex): readonly IndexedGatewayRoute[] {
  return index.derived('gateways.routes', () =>
    ROUTE_KINDS.flatMap((kind) => index.byKind(kind, GATEWAY_API_GROUP)).map((entry) => {
      const namespace = entry.object.metadata.namespace ?? 'default';
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const parents: unknown[] = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
      const rules: unknown[] = Array.isArray(spec.rules) ? spec.rules : [];
      return {
        entry,
        namespace,
        kind: entry.object.kind,
        hostnames: Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : [],
        parentRefs: parents.filter(isRecord).map((r) => toReference(r, namespace, GATEWAY_API_GROUP, 'Gateway')),
        backendRefs: rules
          .filter(isRecord)
          .flatMap(backendsOfRule)
          .map((r) => toReference(r, namespace, '', 'Service')),
      };
    }),
  );
}

/** A rule's backendRefs and the backends its mirror filters (on the rule or on a backend) copy requests to. */
function backendsOfRule(rule: Record<string, unknown>): Record<string, unknown>[] {
  const backends = (Array.isArray(rule.backendRefs) ? rule.backendRefs : []).filter(isRecord);
  const filters = [rule.filters, ...backends.map((b) => b.filters)].flatMap((f) => (Array.isArray(f) ? f.filter(isRecord) : []));
  const mirrors = filters.flatMap((f) =>
    isRecord(f.requestMirror) && isRecord(f.requestMirror.backendRef) ? [f.requestMirror.backendRef] : [],
  );
  return [...backends, ...mirrors];
}

function toReference(raw: Record<string, unknown>, namespace: string, group: string, kind: string): ObjectReference {
  const port = Number(raw.port);
  return {
    group: typeof raw.group === 'string' ? raw.group : group,
    kind: typeof raw.kind === 'string' ? raw.kind : kind,
    namespace: typeof raw.namespace === 'string' && raw.namespace ? raw.namespace : namespace,
    name: String(raw.name ?? ''),
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
    ...(typeof raw.sectionName === 'string' && raw.sectionName ? { sectionName: raw.sectionName } : {}),
  };
}

/** True for a reference to a core Service (`group: ""` or `core`, `kind: Service`). */
export function isServiceReference(ref: ObjectReference): boolean {
  return ref.kind === 'Service' && (ref.group === '' || ref.group === 'core');
}
