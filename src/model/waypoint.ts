/** Waypoint facts of Istio 1.30.3 ambient mode (label keys, class, listener), shared by constructs and analysis. */

/** Gateway label: which traffic a waypoint handles (`service`, `workload`, `all`, `none`). */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
/** Namespace, Service or pod label naming the waypoint that handles its traffic (`none` opts out). */
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
/** With `istio.io/use-waypoint`: the waypoint's namespace when it is not the labelled object's own. */
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
/** The value of `istio.io/use-waypoint` that opts out of a waypoint set higher up (a waypoint cannot be named so). */
export const NO_WAYPOINT = 'none';

/** The GatewayClass istiod deploys waypoints for. */
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
/** The one listener of a waypoint: HBONE on 15008, as `istioctl waypoint generate` writes it. */
export const WAYPOINT_LISTENER = { name: 'mesh', port: 15008, protocol: 'HBONE' } as const;

/** Which traffic a waypoint handles: addressed to services, to workloads, both, or neither. */
export type WaypointTraffic = 'service' | 'workload' | 'all' | 'none';
export const WAYPOINT_TRAFFIC: readonly WaypointTraffic[] = ['all', 'none', 'service', 'workload'];
/** What istiod assumes for a waypoint without the `istio.io/waypoint-for` label. */
export const DEFAULT_WAYPOINT_TRAFFIC: WaypointTraffic = 'service';

/** Whether a waypoint for `traffic` handles traffic addressed to a `target`. */
export function waypointServes(traffic: WaypointTraffic, target: 'service' | 'workload'): boolean {
  return traffic === 'all' || traffic === target;
}
