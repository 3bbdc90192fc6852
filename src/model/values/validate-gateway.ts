import { ISTIO_PROFILES } from './base-values';
import { checkValues, isCidrList, isIntegerAtLeast, isOneOf, isRevisionName, isStringArray, type ValueRule } from './checks';
import { isValuesObject } from './common';
import { controlCharacterErrors } from './control-characters';
import { bool, object, objects, oneOf, str, stringMap } from './value-rules';

const integer = (path: string, min: number, example: number): ValueRule => ({
  path,
  accepts: isIntegerAtLeast(min),
  expected: `an integer >= ${min}`,
  fix: `set a whole number such as ${example}`,
});
/** The chart's schema also allows null here; helm then drops the key and the chart renders its default. */
const orNull = (rule: ValueRule): ValueRule => ({ ...rule, accepts: (v) => v === null || rule.accepts(v) });
/** The chart quotes these values, so numbers and booleans render as strings too. */
const isScalarMap = (v: unknown): boolean =>
  isValuesObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
const scalars = (path: string): ValueRule => ({
  path,
  accepts: isScalarMap,
  expected: 'a map of strings, numbers or booleans',
  fix: "write each value as a string, e.g. { team: 'edge' }",
});

const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;
const isServicePort = (v: unknown): boolean =>
  isValuesObject(v) &&
  isPort(v.port) &&
  (v.targetPort === undefined || isPort(v.targetPort)) &&
  (v.nodePort === undefined || isPort(v.nodePort)) &&
  (v.name === undefined || typeof v.name === 'string') &&
  (v.protocol === undefined || isOneOf(['TCP', 'UDP', 'SCTP'])(v.protocol));
/**
 * The chart's schema wants strings here (a bare number fails helm's schema check with a long message); a null
 * removes that default (`limits: { cpu: null }` keeps only the memory limit).
 */
const isStringQuantities = (v: unknown): boolean =>
  isValuesObject(v) &&
  Object.entries(v).every(
    ([key, list]) =>
      (key === 'requests' || key === 'limits') &&
      (list === null || (isValuesObject(list) && Object.values(list).every((q) => q === null || typeof q === 'string'))),
  );
/** A PDB bound: a count or a percentage. */
const isBudget = (v: unknown): boolean => isIntegerAtLeast(0)(v) || (typeof v === 'string' && /^\d{1,3}%$/.test(v));

const GATEWAY_RULES: readonly ValueRule[] = [
  {
    path: 'name',
    accepts: isRevisionName,
    expected: "a DNS label (lowercase letters, digits, '-')",
    fix: "use e.g. 'istio-ingressgateway', or leave it unset to use the release name",
  },
  { path: 'revision', accepts: isRevisionName, expected: "a revision name (lowercase letters, digits, '-')", fix: "use e.g. 'canary'" },
  orNull(integer('replicaCount', 0, 2)),
  oneOf('kind', ['Deployment', 'DaemonSet']),
  bool('rbac.enabled'),
  bool('serviceAccount.create'),
  stringMap('serviceAccount.annotations', 'quote annotation values'),
  str('serviceAccount.name'),
  stringMap('podAnnotations', 'quote annotation values'),
  orNull(object('securityContext', 'a pod security context')),
  orNull(object('containerSecurityContext', 'a container security context')),
  oneOf('service.type', ['LoadBalancer', 'NodePort', 'ClusterIP', 'None']),
  str('service.clusterIP'),
  stringMap('service.selectorLabels', 'quote label values'),
  {
    path: 'service.ports',
    accepts: (v) => Array.isArray(v) && v.every(isServicePort),
    expected: 'a list of { name?, port, targetPort?, protocol? } with ports 1-65535 and protocol TCP, UDP or SCTP',
    fix: "write e.g. [{ name: 'http2', port: 80, targetPort: 80 }]",
  },
  stringMap('service.annotations', 'quote annotation values'),
  str('service.loadBalancerIP'),
  {
    path: 'service.loadBalancerSourceRanges',
    accepts: (v) => isStringArray(v) && (v as string[]).every((c) => c !== '' && isCidrList(false)(c)),
    expected: 'a list of CIDRs',
    fix: "write e.g. ['203.0.113.0/24']",
  },
  oneOf('service.externalTrafficPolicy', ['', 'Cluster', 'Local']),
  oneOf('service.internalTrafficPolicy', ['Cluster', 'Local']),
  { path: 'service.externalIPs', accepts: isStringArray, expected: 'a list of IP addresses', fix: "write e.g. ['198.51.100.7']" },
  oneOf('service.ipFamilyPolicy', ['', 'SingleStack', 'PreferDualStack', 'RequireDualStack']),
  {
    path: 'service.ipFamilies',
    accepts: (v) => Array.isArray(v) && v.every(isOneOf(['IPv4', 'IPv6'])),
    expected: 'a list of IPv4, IPv6',
    fix: "write e.g. ['IPv4']",
  },
  bool('service.allocateLoadBalancerNodePorts'),
  str('service.loadBalancerClass'),
  {
    path: 'resources',
    accepts: isStringQuantities,
    expected: '{ requests?, limits? } of quantities written as strings',
    fix: "quote quantities, e.g. { requests: { cpu: '100m', memory: '128Mi' } }",
  },
  bool('autoscaling.enabled'),
  integer('autoscaling.minReplicas', 1, 2),
  integer('autoscaling.maxReplicas', 1, 5),
  // 0 turns that metric off (the chart writes a metric only for a non-zero target).
  integer('autoscaling.targetCPUUtilizationPercentage', 0, 80),
  integer('autoscaling.targetMemoryUtilizationPercentage', 0, 80),
  object('autoscaling.autoscaleBehavior', "an HPA's behavior"),
  scalars('env'),
  objects('envVarFrom', 'environment variables with valueFrom'),
  object('strategy', 'a Deployment strategy'),
  orNull(integer('minReadySeconds', 0, 5)),
  orNull(object('readinessProbe', 'a probe')),
  scalars('labels'),
  stringMap('annotations', 'quote annotation values'),
  stringMap('nodeSelector', 'quote label values'),
  objects('tolerations', 'tolerations'),
  objects('topologySpreadConstraints', 'topology spread constraints'),
  object('affinity', 'an affinity object'),
  str('networkGateway', "use the network's name, e.g. 'network1'"),
  {
    path: 'networkGatewayPorts',
    accepts: (v) => isValuesObject(v) && Object.values(v).every(isServicePort),
    expected: 'a map of port name to { port, targetPort?, protocol? }',
    fix: 'write e.g. { tls: { port: 15443 } }',
  },
  oneOf('imagePullPolicy', ['', 'Always', 'IfNotPresent', 'Never']),
  {
    path: 'imagePullSecrets',
    accepts: (v) => Array.isArray(v) && v.every((s) => isValuesObject(s) && typeof s.name === 'string'),
    expected: 'a list of { name }',
    fix: "write e.g. [{ name: 'regcred' }]",
  },
  object('podDisruptionBudget', 'a PodDisruptionBudget spec'),
  {
    path: 'podDisruptionBudget.minAvailable',
    accepts: isBudget,
    expected: "an integer >= 0 or a percentage such as '50%'",
    fix: 'give a count or a percentage',
  },
  {
    path: 'podDisruptionBudget.maxUnavailable',
    accepts: isBudget,
    expected: "an integer >= 0 or a percentage such as '50%'",
    fix: 'give a count or a percentage',
  },
  oneOf('podDisruptionBudget.unhealthyPodEvictionPolicy', ['', 'IfHealthyBudget', 'AlwaysAllow']),
  integer('terminationGracePeriodSeconds', 0, 30),
  objects('volumes', 'volumes'),
  objects('volumeMounts', 'volume mounts'),
  objects('initContainers', 'containers'),
  objects('additionalContainers', 'containers'),
  str('priorityClassName'),
  object('lifecycle', 'container lifecycle hooks'),
  oneOf('profile', ISTIO_PROFILES),
  bool('global.networkPolicy.enabled'),
];

/** Type errors, control characters and contradictions in values for the gateway chart (merged values). */
export function validateGatewayValues(values: Record<string, unknown>): string[] {
  const errors = [...checkValues(values, GATEWAY_RULES), ...controlCharacterErrors('gateway', values)];
  const autoscaling = isValuesObject(values.autoscaling) ? values.autoscaling : {};
  const { minReplicas: min, maxReplicas: max } = autoscaling;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.push(
      `values.autoscaling.minReplicas (${min}) is greater than values.autoscaling.maxReplicas (${max}): ` +
        'raise maxReplicas or lower minReplicas',
    );
  }
  const service = isValuesObject(values.service) ? values.service : {};
  if (Array.isArray(service.ports) && service.ports.length === 0 && !values.networkGateway && service.type !== 'None') {
    errors.push("values.service.ports is empty: the chart needs at least one port; list one, or set service.type 'None' for no Service");
  }
  const pdb = isValuesObject(values.podDisruptionBudget) ? values.podDisruptionBudget : {};
  if (pdb.minAvailable !== undefined && pdb.maxUnavailable !== undefined) {
    errors.push('values.podDisruptionBudget sets both minAvailable and maxUnavailable: Kubernetes accepts only one of them; keep one');
  }
  if (values.kind === 'DaemonSet' && autoscaling.enabled === false && values.replicaCount !== undefined && values.replicaCount !== null) {
    errors.push(
      'values.replicaCount is set for kind DaemonSet: the chart then writes spec.replicas, a field a DaemonSet does not have, ' +
        'and the API server rejects it; remove replicaCount (a DaemonSet runs one pod per node)',
    );
  }
  return errors;
}
