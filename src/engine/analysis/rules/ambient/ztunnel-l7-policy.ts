import { describeObject, isRecord } from '../../../k8s/object';
import { matches, type ObjectIndex, selectorOf, type Workload } from '../../index-objects';
import { isAmbientNamespace, membership } from '../../mesh';
import { finding, type Rule, type SourcedObject } from '../../rule';
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { NO_WAYPOINT, USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL } from '../../../../model/waypoint';

/** Rule fields ztunnel cannot evaluate (Istio 1.30.3's ambient policy conversion), by clause. */
const L7_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const L7_SOURCE_FIELDS = ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'];
/** The only `when` keys ztunnel evaluates; every other key is an HTTP attribute. */
const L4_CONDITION_KEYS = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

export const ztunnelL7Policy: Rule = {
  code: 'CDK8SI032',
  level: 'error',
  title: 'L7 AuthorizationPolicy enforced by ztunnel',
  explanation:
    'an AuthorizationPolicy without targetRefs applies to ambient workloads, where ztunnel enforces it, but uses HTTP attributes (methods, paths, hosts, request principals, remote IPs, request headers or claims) or the CUSTOM action, which ztunnel cannot evaluate',
  fix: 'bind the policy to a waypoint with targetRefs (kind Gateway, the waypoint; or kind Service, a Service that uses one) instead of a selector',
  check(index) {
    return index.byKind('AuthorizationPolicy', 'security.istio.io').flatMap((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      // Policies with targetRefs are for waypoints and gateways; ztunnel never sees them.
      if (spec.targetRefs !== undefined || spec.targetRef !== undefined) return [];
      const action = typeof spec.action === 'string' ? spec.action : 'ALLOW';
      const l7 = httpAttributes(spec.rules);
      if (action !== 'CUSTOM' && (l7.length === 0 || (action !== 'ALLOW' && action !== 'DENY'))) return [];
      const reach = ambientReach(index, entry, spec);
      if (!reach) return [];
      const consequence =
        action === 'CUSTOM'
          ? 'ztunnel does not support the CUSTOM action and does not enforce the policy at all, so the external authorizer is never asked'
          : action === 'ALLOW'
            ? `ztunnel cannot evaluate ${l7.join(', ')}, so it drops the ALLOW rules that use them: they never match, and ` +
              'traffic they were meant to allow is denied (with no rule left, all traffic is denied)'
            : `ztunnel cannot evaluate ${l7.join(', ')}, so it enforces the DENY rules without them: they deny more than written ` +
              '(e.g. every request from those sources, not only the matching paths)';
      return [
        finding(
          this,
          `${describeObject(entry.object)} applies to ambient ${reach}, where ztunnel enforces it: ${consequence}; ` +
            `bind it to a waypoint instead, with targetRefs [${waypointHint(index, entry)}] in place of the selector`,
          entry,
        ),
      ];
    });
  },
};

/** The HTTP attributes the rules use, in Istio's field names (`when` keys as written), sorted and unique. */
export function httpAttributes(rules: unknown): string[] {
  const found = new Set<string>();
  const nonEmpty = (clause: unknown, field: string) => isRecord(clause) && Array.isArray(clause[field]) && clause[field].length > 0;
  for (const rule of Array.isArray(rules) ? rules.filter(isRecord) : []) {
    for (const to of Array.isArray(rule.to) ? rule.to.filter(isRecord) : []) {
      for (const field of L7_OPERATION_FIELDS) if (nonEmpty(to.operation, field)) found.add(field);
    }
    for (const from of Array.isArray(rule.from) ? rule.from.filter(isRecord) : []) {
      for (const field of L7_SOURCE_FIELDS) if (nonEmpty(from.source, field)) found.add(field);
    }
    for (const when of Array.isArray(rule.when) ? rule.when.filter(isRecord) : []) {
      if (typeof when.key === 'string' && !L4_CONDITION_KEYS.has(when.key)) found.add(when.key);
    }
  }
  return [...found].sort();
}

/**
 * Words for the ambient workloads the policy reaches ("workloads Deployment a/x, ..."), or undefined when it
 * reaches none. A selector in the root namespace reaches every namespace; a policy that selects no workload
 * of the input still reaches the pods an ambient namespace will run.
 */
function ambientReach(index: ObjectIndex, entry: SourcedObject, spec: Record<string, unknown>): string | undefined {
  const namespace = entry.object.metadata.namespace ?? 'default';
  const selector = selectorOf(spec.selector);
  const root = namespace === index.rootNamespace;
  const selected: readonly Workload[] = root
    ? index.workloads.filter((w) => matches(selector, w.podLabels))
    : index.workloadsMatching(namespace, selector);
  const ambient = selected.filter((w) => membership(index, w).ambient);
  if (ambient.length > 0) {
    const names = ambient.slice(0, 3).map((w) => describeObject(w.object));
    return `workload(s) ${names.join(', ')}${ambient.length > 3 ? ` and ${ambient.length - 3} more` : ''}`;
  }
  if (selected.length === 0 && !root && isAmbientNamespace(index, namespace)) return `namespace ${namespace}`;
  return undefined;
}

/** A targetRefs entry to suggest: the waypoint the namespace uses, when it names one in the policy's namespace. */
function waypointHint(index: ObjectIndex, entry: SourcedObject): string {
  const namespace = entry.object.metadata.namespace ?? 'default';
  const labels = index.namespaceLabels(namespace);
  const name = labels[USE_WAYPOINT_LABEL];
  const local = (labels[USE_WAYPOINT_NAMESPACE_LABEL] ?? namespace) === namespace;
  const waypoint = name && name !== NO_WAYPOINT && local ? name : '<waypoint>';
  return `{group: ${GATEWAY_API_GROUP}, kind: Gateway, name: ${waypoint}}`;
}
