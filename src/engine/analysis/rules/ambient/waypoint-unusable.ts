import { describeObject } from '../../../k8s/object';
import { type Finding, finding, type Rule } from '../../rule';
import { USE_WAYPOINT_LABEL, WAYPOINT_FOR_LABEL } from '../../../../model/waypoint';
import { gatewayNamed, trafficType, waypointAdmits, waypointUsers } from './waypoints';

export const waypointUnusable: Rule = {
  code: 'CDK8SI031',
  level: 'warning',
  title: 'waypoint refuses what points at it',
  explanation:
    'a waypoint named by istio.io/use-waypoint does not take that traffic: its istio.io/waypoint-for does not cover the Service or workload (or is none), or its HBONE listener does not allow routes from that namespace',
  fix: 'set istio.io/waypoint-for on the waypoint to service, workload or all as needed, and allowedRoutes on its mesh listener for other namespaces',
  check(index) {
    const out: Finding[] = [];
    for (const user of waypointUsers(index)) {
      const gateway = gatewayNamed(index, user.waypointNamespace, user.waypointName);
      if (!gateway) continue; // CDK8SI030 reports it
      const waypoint = describeObject(gateway.object);
      const type = trafficType(index, gateway);
      // A namespace label binds its Services and workloads alike, and Istio quietly skips whichever kind the waypoint
      // does not serve; only a waypoint for no traffic at all is a mistake there.
      const refused = user.kind === 'namespace' ? type === 'none' : !(type === 'all' || type === user.kind);
      if (refused) {
        const wanted = user.kind === 'namespace' ? 'service, workload or all' : `${user.kind} (or all)`;
        out.push(
          finding(
            this,
            `${user.what} has ${USE_WAYPOINT_LABEL}=${user.waypointName}, but ${waypoint} serves ${WAYPOINT_FOR_LABEL}=${type} ` +
              `traffic, so Istio does not send this traffic through it; label the waypoint ${WAYPOINT_FOR_LABEL}=${wanted}, ` +
              'or point the label at a waypoint that serves it',
            user.entry,
            gateway,
          ),
        );
        continue;
      }
      if (waypointAdmits(index, gateway, user.fromNamespace) !== false) continue;
      out.push(
        finding(
          this,
          `${user.what} has ${USE_WAYPOINT_LABEL}=${user.waypointName}, but the HBONE listener ` +
            `(port 15008) of ${waypoint} does not allow routes from namespace ${user.fromNamespace} (allowedRoutes.namespaces is Same when unset), ` +
            "so Istio refuses the attachment; set the listener's allowedRoutes.namespaces.from to All, or to a Selector that matches the namespace",
          user.entry,
          gateway,
        ),
      );
    }
    return out;
  },
};
