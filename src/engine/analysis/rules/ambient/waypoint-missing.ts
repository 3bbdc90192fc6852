import { finding, type Rule } from '../../rule';
import { USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL, WAYPOINT_GATEWAY_CLASS } from '../../../../model/waypoint';
import { gatewayNamed, waypointUsers } from './waypoints';

export const waypointMissing: Rule = {
  code: 'CDK8SI030',
  level: 'warning',
  title: 'use-waypoint names no waypoint',
  explanation:
    'a Namespace, Service or pod template labeled istio.io/use-waypoint names a waypoint (Gateway) that is not in the input, so its traffic skips the L7 policies and routes meant for it',
  fix: 'add the waypoint (a Waypoint, or a Gateway of class istio-waypoint) in that namespace, correct the label, or set it to none to opt out',
  check(index) {
    return waypointUsers(index).flatMap((user) => {
      if (gatewayNamed(index, user.waypointNamespace, user.waypointName)) return [];
      const where =
        user.waypointNamespace === user.fromNamespace
          ? `namespace ${user.waypointNamespace}`
          : `namespace ${user.waypointNamespace} (from ${USE_WAYPOINT_NAMESPACE_LABEL})`;
      return [
        finding(
          this,
          `${user.what} has ${USE_WAYPOINT_LABEL}=${user.waypointName}, but no Gateway ${user.waypointName} is in ${where}, ` +
            'so Istio routes its traffic without a waypoint and the L7 policies and routes bound to it do not apply; ' +
            `add a waypoint (Waypoint, or a Gateway of class ${WAYPOINT_GATEWAY_CLASS}) named ${user.waypointName} there, ` +
            `correct the label, or set it to none to opt out (fine only if the waypoint is deployed separately)`,
          user.entry,
        ),
      ];
    });
  },
};
