import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayRoutes, k8sGateway } from './gateway-api';
import { attachmentOf } from './listener-admission';

export const routeHostnameMismatch: Rule = {
  code: 'CDK8SI056',
  level: 'error',
  title: 'route hostnames match no listener',
  explanation:
    'an HTTPRoute (or GRPC/TLSRoute) has hostnames of which none intersects the hostname of any listener its parentRef attaches it to (among those admitting its namespace and kind), so the route is not attached there',
  fix: "add a hostname the listener serves to the route's hostnames (a wildcard listener '*.example.com' serves 'a.example.com' but not 'example.com'), or change the listener's hostname",
  check(index) {
    const out: Finding[] = [];
    for (const route of gatewayRoutes(index)) {
      if (route.hostnames.length === 0) continue;
      for (const ref of route.parentRefs) {
        if (ref.kind !== 'Gateway' || ref.group !== GATEWAY_API_GROUP) continue;
        const gateway = k8sGateway(index, ref.namespace, ref.name);
        if (!gateway) continue;
        // A route refused for its listener, namespace or kind is CDK8SI050's.
        const attachment = attachmentOf(index, gateway, ref, route);
        if (attachment.problem !== 'hostname') continue;
        const listeners = attachment.listeners.map((l) => `'${l.name}' (${l.hostname})`).join(', ');
        out.push(
          finding(
            this,
            `${describeObject(route.entry.object)}: hostnames ${route.hostnames.join(', ')} match none of the hostnames of listener(s) ` +
              `${listeners} of Gateway ${gateway.namespace}/${gateway.name}, so the route is not attached there; ` +
              "add a hostname the listener serves to the route, or change the listener's hostname",
            route.entry,
            gateway.entry,
          ),
        );
      }
    }
    return out;
  },
};
