import { describeObject, isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import {
  NO_WAYPOINT,
  USE_WAYPOINT_LABEL,
  USE_WAYPOINT_NAMESPACE_LABEL,
  WAYPOINT_FOR_LABEL,
  WAYPOINT_GATEWAY_CLASS,
  WAYPOINT_TRAFFIC,
  waypointServes,
} from '../../../../model/waypoint';
import { gatewayNamed, trafficType } from './waypoints';

const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

export const policyTargetUnbound: Rule = {
  code: 'CDK8SI035',
  level: 'warning',
  title: 'AuthorizationPolicy target enforces nothing',
  explanation:
    'an AuthorizationPolicy targetRef names a Service or ServiceEntry that uses no waypoint (no istio.io/use-waypoint on it or its namespace, or none), or one that is not in the input, a Gateway that is not in the input, or a GatewayClass other than istio-waypoint from the root namespace; only waypoints enforce Service targets and sidecars ignore targetRefs, so the policy applies nowhere for that target',
  fix: 'label the Service (or its namespace) istio.io/use-waypoint=<waypoint>, correct the targetRef, or bind the policy with a selector instead',
  check(index) {
    const out: Finding[] = [];
    for (const entry of index.byKind('AuthorizationPolicy', 'security.istio.io')) {
      for (const ref of targetRefs(entry)) {
        const problem = unboundReason(index, entry, ref);
        if (problem) out.push(finding(this, `${describeObject(entry.object)}: targetRef ${problem.text}`, entry, ...problem.objects));
      }
    }
    return out;
  },
};

interface TargetRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

interface Problem {
  readonly text: string;
  readonly objects: SourcedObject[];
}

/** `targetRefs`, else the older single `targetRef`, as Istio reads them. */
function targetRefs(entry: SourcedObject): TargetRef[] {
  const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
  const refs = Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0 ? spec.targetRefs : [spec.targetRef];
  return refs.filter(isRecord).map((r) => ({
    // Istio compares canonical groups: an empty group and `core` are both the core API.
    group: r.group === 'core' || typeof r.group !== 'string' ? '' : r.group,
    kind: typeof r.kind === 'string' ? r.kind : '',
    name: typeof r.name === 'string' ? r.name : '',
  }));
}

/**
 * Why a target binds the policy to nothing, or undefined when it binds (or this check cannot tell). Istio matches
 * targets in the policy's own namespace only (the CRD refuses another). A Service whose waypoint is named but
 * missing or refuses it is left to CDK8SI030 and CDK8SI031.
 */
function unboundReason(index: ObjectIndex, policy: SourcedObject, ref: TargetRef): Problem | undefined {
  const namespace = policy.object.metadata.namespace ?? 'default';
  const target = `${namespace}/${ref.name}`;
  if (ref.kind === 'Gateway' && ref.group === GATEWAY_API_GROUP) {
    if (gatewayNamed(index, namespace, ref.name)) return undefined;
    return {
      text:
        `names Gateway ${target}, which is not in the input, so the policy applies to no gateway or waypoint; ` +
        'correct the name (the Gateway must be in the policy namespace), or add the Gateway (fine if it is deployed separately)',
      objects: [],
    };
  }
  if (ref.kind === 'GatewayClass' && ref.group === GATEWAY_API_GROUP) {
    if (namespace === index.rootNamespace && ref.name === WAYPOINT_GATEWAY_CLASS) return undefined;
    return {
      text:
        `names GatewayClass ${ref.name}, but Istio binds a GatewayClass target only to ${WAYPOINT_GATEWAY_CLASS} from the root ` +
        `namespace ${index.rootNamespace}, so the policy applies nowhere; move the policy to ${index.rootNamespace} ` +
        `and target ${WAYPOINT_GATEWAY_CLASS}, or target a Gateway`,
      objects: [],
    };
  }
  const isService = ref.kind === 'Service' && ref.group === '';
  if (!isService && !(ref.kind === 'ServiceEntry' && ref.group === ISTIO_NETWORKING_GROUP)) return undefined;
  const service = isService
    ? index.service(namespace, ref.name)
    : index.inNamespace(namespace, 'ServiceEntry').find((s) => s.object.metadata.name === ref.name);
  if (!service)
    return {
      text: `names ${ref.kind} ${target}, which is not in the input, so the policy applies nowhere; correct the name or add the ${ref.kind}`,
      objects: [],
    };
  return serviceWithoutWaypoint(index, service, ref.kind, target);
}

/**
 * A Service (or ServiceEntry) target no waypoint serves: unlabeled, opted out, or its namespace's waypoint takes no
 * Service traffic (a waypoint the Service names itself is judged by CDK8SI031).
 */
function serviceWithoutWaypoint(index: ObjectIndex, service: SourcedObject, kind: string, target: string): Problem | undefined {
  const namespace = service.object.metadata.namespace ?? 'default';
  const own = service.object.metadata.labels ?? {};
  const inherited = !(USE_WAYPOINT_LABEL in own);
  const labels = inherited ? index.namespaceLabels(namespace) : own;
  const name = labels[USE_WAYPOINT_LABEL];
  const consequence = `only a waypoint enforces a ${kind} target (sidecars and ztunnel ignore policies with targetRefs), so the policy applies nowhere`;
  if (name === undefined || name === NO_WAYPOINT) {
    const why = name === undefined ? `neither it nor namespace ${namespace} has ${USE_WAYPOINT_LABEL}` : `${USE_WAYPOINT_LABEL}=none`;
    return {
      text:
        `names ${kind} ${target}, which uses no waypoint (${why}): ${consequence}; label the ${kind} or namespace ${namespace} ` +
        `${USE_WAYPOINT_LABEL}=<waypoint>, or bind the policy with a selector instead`,
      objects: [service],
    };
  }
  const gateway = inherited ? gatewayNamed(index, labels[USE_WAYPOINT_NAMESPACE_LABEL] ?? namespace, name) : undefined;
  if (!gateway) return undefined;
  const traffic = WAYPOINT_TRAFFIC.find((t) => t === trafficType(index, gateway));
  if (traffic === undefined || waypointServes(traffic, 'service')) return undefined;
  return {
    text:
      `names ${kind} ${target}, whose namespace's waypoint ${describeObject(gateway.object)} takes ${WAYPOINT_FOR_LABEL}=${traffic} ` +
      `traffic, not Service traffic: ${consequence}; label the waypoint ${WAYPOINT_FOR_LABEL}=service (or all), or label the ${kind} ` +
      `${USE_WAYPOINT_LABEL} with a waypoint that serves it`,
    objects: [service, gateway],
  };
}
