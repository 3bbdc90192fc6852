/** Waypoints (Gateway API Gateways) of the input and the objects whose `istio.io/use-waypoint` label names one. */
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import {
  DEFAULT_WAYPOINT_TRAFFIC,
  NO_WAYPOINT,
  USE_WAYPOINT_LABEL,
  USE_WAYPOINT_NAMESPACE_LABEL,
  WAYPOINT_FOR_LABEL,
  WAYPOINT_LISTENER,
} from '../../../../model/waypoint';
import { admitsNamespace } from '../../../../model/traffic/namespace-admission';
import { describeObject, isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';
import { k8sGateway } from '../gateways/gateway-api';

/** Istio reads this annotation to bind a waypoint to another listener; the attachment check then cannot judge. */
const INBOUND_BINDING_ANNOTATION = 'ambient.istio.io/waypoint-inbound-binding';

/** What kind of thing points at a waypoint: Istio checks the waypoint's traffic type against it. */
export type WaypointUserKind = 'namespace' | 'service' | 'workload';

/** An object that names a waypoint with `istio.io/use-waypoint` (not `none`). */
export interface WaypointUser {
  readonly entry: SourcedObject;
  readonly kind: WaypointUserKind;
  /** Words for messages: `Service shop/web` or `the pod template of Deployment shop/web`. */
  readonly what: string;
  /** The namespace the object is in (for a Namespace, itself). */
  readonly fromNamespace: string;
  readonly waypointName: string;
  readonly waypointNamespace: string;
}

/** Every object of the input whose labels name a waypoint: Namespaces, Services, ServiceEntries and pod templates. */
export function waypointUsers(index: ObjectIndex): readonly WaypointUser[] {
  return index.derived('ambient.waypointUsers', (idx) => {
    const out: WaypointUser[] = [];
    const add = (entry: SourcedObject, kind: WaypointUserKind, what: string, fromNamespace: string, labels: Record<string, string>) => {
      const name = labels[USE_WAYPOINT_LABEL];
      // Istio reserves `none`: the object opts out of its namespace's waypoint.
      if (name === undefined || name === NO_WAYPOINT) return;
      out.push({
        entry,
        kind,
        what,
        fromNamespace,
        waypointName: name,
        waypointNamespace: labels[USE_WAYPOINT_NAMESPACE_LABEL] ?? fromNamespace,
      });
    };
    for (const ns of idx.byKind('Namespace', '')) {
      const name = ns.object.metadata.name ?? '';
      add(ns, 'namespace', describeObject(ns.object), name, ns.object.metadata.labels ?? {});
    }
    for (const svc of [...idx.byKind('Service', ''), ...idx.byKind('ServiceEntry', 'networking.istio.io')]) {
      add(svc, 'service', describeObject(svc.object), svc.object.metadata.namespace ?? 'default', svc.object.metadata.labels ?? {});
    }
    for (const w of idx.workloads) {
      const what = w.object.kind === 'Pod' ? describeObject(w.object) : `the pod template of ${describeObject(w.object)}`;
      add(w, 'workload', what, w.namespace, { ...w.podLabels });
    }
    return out;
  });
}

/** The Gateway API Gateway `name` in `namespace`, when it is in the input. */
export function gatewayNamed(index: ObjectIndex, namespace: string, name: string): SourcedObject | undefined {
  return k8sGateway(index, namespace, name)?.entry;
}

/** The traffic a waypoint takes: its own label, else its GatewayClass's (when in the input), else Istio's default. */
export function trafficType(index: ObjectIndex, gateway: SourcedObject): string {
  const own = gateway.object.metadata.labels?.[WAYPOINT_FOR_LABEL];
  if (own !== undefined) return own;
  const className = isRecord(gateway.object.spec) ? gateway.object.spec.gatewayClassName : undefined;
  const gatewayClass = index.byKind('GatewayClass', GATEWAY_API_GROUP).find((c) => c.object.metadata.name === className);
  return gatewayClass?.object.metadata.labels?.[WAYPOINT_FOR_LABEL] ?? DEFAULT_WAYPOINT_TRAFFIC;
}

/**
 * Whether the waypoint admits objects of `namespace`: the `allowedRoutes.namespaces` of its HBONE listener
 * (port 15008; `Same` without one), judged as Istio judges waypoint use. Undefined when an inbound-binding annotation
 * picks another listener, which this check does not follow.
 */
export function waypointAdmits(index: ObjectIndex, gateway: SourcedObject, namespace: string): boolean | undefined {
  if (INBOUND_BINDING_ANNOTATION in (gateway.object.metadata.annotations ?? {})) return undefined;
  const spec = isRecord(gateway.object.spec) ? gateway.object.spec : {};
  const listeners = Array.isArray(spec.listeners) ? spec.listeners.filter(isRecord) : [];
  const hbone = listeners.find((l) => l.protocol === WAYPOINT_LISTENER.protocol && l.port === WAYPOINT_LISTENER.port);
  const allowed = hbone && isRecord(hbone.allowedRoutes) && isRecord(hbone.allowedRoutes.namespaces) ? hbone.allowedRoutes.namespaces : {};
  const labels = (ns: string) => (index.namespace(ns) ? index.namespaceLabels(ns) : undefined);
  const from = typeof allowed.from === 'string' ? allowed.from : undefined;
  return admitsNamespace(
    { from, selector: allowed.selector },
    gateway.object.metadata.namespace ?? 'default',
    namespace,
    labels,
    'waypoint',
  );
}
