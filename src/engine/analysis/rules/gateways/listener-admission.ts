/**
 * Route attachment judged on the input: the shared rules of model/traffic/route-attachment, with the labels of the
 * input's Namespaces for listeners that admit namespaces by selector.
 */
import { routeAttachment, type RouteAttachment } from '../../../../model/traffic/route-attachment';
import { type ObjectIndex } from '../../index-objects';
import { type IndexedGatewayRoute, type IndexedK8sGateway, type Listener, type ObjectReference } from './gateway-api';

/** How `route` attaches to `gateway` through its parentRef `ref`. */
export function attachmentOf(
  index: ObjectIndex,
  gateway: IndexedK8sGateway,
  ref: ObjectReference,
  route: IndexedGatewayRoute,
): RouteAttachment<Listener> {
  return routeAttachment(gateway.listeners, ref, gateway.namespace, route, (ns) =>
    index.namespace(ns) ? index.namespaceLabels(ns) : undefined,
  );
}
