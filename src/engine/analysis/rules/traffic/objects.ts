/** Reading VirtualServices and DestinationRules out of the index, for the traffic rules. */
import { isRecord } from '../../../k8s/object';
import type { DestinationSpec, HttpRouteSpec, SubsetSpec } from '../../../../model/traffic/networking';
import { routeLabel } from '../../../../model/traffic/checks';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';

const NETWORKING_GROUP = 'networking.istio.io';

export interface IndexedRoute {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly route: HttpRouteSpec;
  /** "http route 'canary'" or "http route #2", for messages. */
  readonly label: string;
}

/** Every HTTP route of every VirtualService, in input order. */
export function httpRoutes(index: ObjectIndex): IndexedRoute[] {
  return index.derived('traffic.httpRoutes', () =>
    index.byKind('VirtualService', NETWORKING_GROUP).flatMap((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const http: unknown[] = Array.isArray(spec.http) ? spec.http : [];
      return http.filter(isRecord).map((raw, i) => {
        const route = raw as HttpRouteSpec;
        return { entry, namespace: namespaceOf(entry), route, label: routeLabel(route, i) };
      });
    }),
  );
}

/** The destinations an http route sends requests to: its weighted destinations, its mirror and its mirrors. */
export function destinationsOf(route: HttpRouteSpec): DestinationSpec[] {
  const mirrors: unknown = (route as { mirrors?: unknown }).mirrors;
  const copies = [route.mirror, ...(Array.isArray(mirrors) ? mirrors.map((m) => (isRecord(m) ? m.destination : undefined)) : [])];
  return [...routedDestinations(route.route), ...copies.filter(isDestination)];
}

/** `route[].destination` of an http, tcp or tls route, the well-formed ones. */
function routedDestinations(route: unknown): DestinationSpec[] {
  return (Array.isArray(route) ? route : []).map((d) => (isRecord(d) ? d.destination : undefined)).filter(isDestination);
}

function isDestination(d: unknown): d is DestinationSpec {
  return isRecord(d) && typeof d.host === 'string';
}

export interface IndexedDestination {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly destination: DestinationSpec;
  /** The route it belongs to: "http route 'canary'", "tcp route #1", for messages. */
  readonly label: string;
}

/**
 * Every destination of every VirtualService: its http routes (mirrors included), then its tcp and tls routes,
 * the destinations Istio's analyzers check for hosts and subsets.
 */
export function routeDestinations(index: ObjectIndex): IndexedDestination[] {
  return index.derived('traffic.destinations', () => {
    const http = httpRoutes(index).flatMap(({ entry, namespace, route, label }) =>
      destinationsOf(route).map((destination) => ({ entry, namespace, destination, label })),
    );
    const l4 = index.byKind('VirtualService', NETWORKING_GROUP).flatMap((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      return (['tcp', 'tls'] as const).flatMap((kind) => {
        const routes: unknown[] = Array.isArray(spec[kind]) ? spec[kind] : [];
        return routes.flatMap((raw, i) =>
          routedDestinations(isRecord(raw) ? raw.route : undefined).map((destination) => ({
            entry,
            namespace: namespaceOf(entry),
            destination,
            label: `${kind} route #${i + 1}`,
          })),
        );
      });
    });
    return [...http, ...l4];
  });
}

export interface IndexedDestinationRule {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly host: string;
  readonly subsets: readonly SubsetSpec[];
}

export function destinationRules(index: ObjectIndex): IndexedDestinationRule[] {
  return index.derived('traffic.destinationRules', () =>
    index.byKind('DestinationRule', NETWORKING_GROUP).flatMap((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      if (typeof spec.host !== 'string') return [];
      const subsets = (Array.isArray(spec.subsets) ? spec.subsets : []).filter(
        (s: unknown): s is SubsetSpec => isRecord(s) && typeof s.name === 'string',
      );
      return [{ entry, namespace: namespaceOf(entry), host: spec.host, subsets }];
    }),
  );
}

/**
 * Whether a host names an in-cluster Service whose namespace the input describes, so a missing Service
 * is a real gap and not just a partial input: `name`, `name.ns`, `name.ns.svc[.domain]` (not wildcards).
 */
export function judgeableClusterHost(index: ObjectIndex, host: string, fromNamespace: string): boolean {
  const parts = host.split('.');
  if (parts[0] === '*' || parts.some((p) => p === '')) return false;
  if (parts.length > 2 && parts[2] !== 'svc') return false;
  const namespace = parts.length === 1 ? fromNamespace : parts[1];
  return index.hasNamespace(namespace) && !declaredByServiceEntry(index, host);
}

function declaredByServiceEntry(index: ObjectIndex, host: string): boolean {
  const hosts = index.derived(
    'traffic.serviceEntryHosts',
    () =>
      new Set(
        index
          .byKind('ServiceEntry', NETWORKING_GROUP)
          .flatMap((e) => (isRecord(e.object.spec) && Array.isArray(e.object.spec.hosts) ? e.object.spec.hosts.map(String) : [])),
      ),
  );
  return hosts.has(host);
}

/** The Service port numbers of a Service object. */
export function servicePorts(service: SourcedObject): number[] {
  const spec = isRecord(service.object.spec) ? service.object.spec : {};
  return (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord).map((p) => Number(p.port));
}

function namespaceOf(entry: SourcedObject): string {
  return entry.object.metadata.namespace ?? 'default';
}

/** A host's full name as Istio reads it from `namespace`: 'reviews' -> 'reviews.<namespace>.svc.cluster.local'. */
export function fullHost(host: string, namespace: string): string {
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`;
  return host;
}
