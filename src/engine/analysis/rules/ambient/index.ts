import { type Rule } from '../../rule';
import { gatewayApiCrdUnversioned } from './gateway-api-crd-unversioned';
import { gatewayApiCrdVersion } from './gateway-api-crd-version';
import { policyTargetUnbound } from './policy-target-unbound';
import { sidecarInAmbient } from './sidecar-in-ambient';
import { waypointMissing } from './waypoint-missing';
import { waypointUnusable } from './waypoint-unusable';
import { ztunnelL7Policy } from './ztunnel-l7-policy';

/** Rules about ambient mode (waypoints, ztunnel policies, Gateway API CRDs), one file each. */
export const AMBIENT_RULES: readonly Rule[] = [
  waypointMissing,
  waypointUnusable,
  ztunnelL7Policy,
  sidecarInAmbient,
  gatewayApiCrdVersion,
  gatewayApiCrdUnversioned,
  policyTargetUnbound,
];
