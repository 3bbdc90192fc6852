import {
  checkValues,
  isCidrList,
  isIntegerAtLeast,
  isNumberBetween,
  isObject,
  isObjectArray,
  isOneOf,
  isPortList,
  isRevisionName,
  isString,
  isStringArray,
  isStringMap,
  type ValueRule,
} from './checks';
import { isDns1123Subdomain } from '../names';
import { controlCharacterErrors } from './control-characters';
import { PROXY_LOG_LEVELS } from './istiod-values';
import { PLATFORM_RULES } from './platform';
import {
  bool,
  hub,
  ISTIOD_NAMESPACE,
  object,
  objects,
  PROFILE,
  RESOURCE_SCOPE,
  resources,
  secretNames,
  str,
  stringMap,
  tag,
} from './value-rules';

/** Read by both charts: base's default validator and istiod's own validator. */
const VALIDATION_FAILURE_POLICY: ValueRule = {
  path: 'base.validationFailurePolicy',
  accepts: isOneOf(['Fail', 'Ignore']),
  expected: 'Fail or Ignore',
  fix: 'pick one of them',
};

const BASE_RULES: readonly ValueRule[] = [
  {
    path: 'defaultRevision',
    accepts: isRevisionName,
    expected: "a revision name (lowercase letters, digits, '-') or 'default'",
    fix: 'name the revision whose istiod validates config',
  },
  { path: 'global.istioNamespace', ...ISTIOD_NAMESPACE },
  secretNames('global.imagePullSecrets'),
  { path: 'global.resourceScope', ...RESOURCE_SCOPE },
  bool('global.enableReaderRBAC'),
  {
    path: 'base.excludedCRDs',
    accepts: isStringArray,
    expected: 'a list of CRD names',
    fix: "list full CRD names such as 'envoyfilters.networking.istio.io'",
  },
  bool('base.enableCRDTemplates'),
  bool('base.enableIstioConfigCRDs'),
  {
    path: 'base.validationURL',
    accepts: isString,
    expected: 'a string',
    fix: "give a URL such as 'https://istiod.example:15017/validate'",
  },
  { path: 'base.validationCABundle', accepts: isString, expected: 'a string', fix: 'give the base64 PEM bundle' },
  VALIDATION_FAILURE_POLICY,
  PROFILE,
  ...PLATFORM_RULES,
];

const ISTIOD_RULES: readonly ValueRule[] = [
  VALIDATION_FAILURE_POLICY,
  {
    path: 'revision',
    accepts: isRevisionName,
    expected: "a DNS label (lowercase letters, digits, '-', at most 63)",
    fix: "use a name such as '1-30-3' or 'canary'",
  },
  {
    path: 'revisionTags',
    accepts: (v) => Array.isArray(v) && v.every(isRevisionName),
    expected: 'a list of DNS labels',
    fix: "use tags such as 'prod-stable'",
  },
  PROFILE,
  hub('global.hub'),
  tag('global.tag'),
  { path: 'global.istioNamespace', ...ISTIOD_NAMESPACE },
  {
    path: 'trustedZtunnelNamespace',
    accepts: (v) => v === '' || isRevisionName(v),
    expected: "a namespace name (lowercase letters, digits, '-')",
    fix: "use the namespace of the Ztunnel, e.g. 'kube-system'",
  },
  str('trustedZtunnelName', "use the Ztunnel's resourceName ('ztunnel' by default)"),
  str('global.meshID'),
  str('global.network'),
  str('global.multiCluster.clusterName'),
  secretNames('global.imagePullSecrets'),
  str('global.logging.level', "use e.g. 'default:info'"),
  resources('global.proxy.resources'),
  {
    path: 'global.proxy.logLevel',
    accepts: isOneOf(PROXY_LOG_LEVELS),
    expected: `one of ${PROXY_LOG_LEVELS.join(', ')}`,
    fix: 'pick one of them',
  },
  str('global.proxy.componentLogLevel', "use e.g. 'misc:error'"),
  {
    path: 'global.proxy.includeIPRanges',
    accepts: isCidrList(true),
    expected: "'*' or comma-separated CIDRs",
    fix: "write e.g. '10.0.0.0/8,172.16.0.0/12'",
  },
  {
    path: 'global.proxy.excludeIPRanges',
    accepts: isCidrList(false),
    expected: 'comma-separated CIDRs',
    fix: "write e.g. '169.254.169.254/32'",
  },
  {
    path: 'global.proxy.includeInboundPorts',
    accepts: isPortList,
    expected: "'*' or comma-separated ports",
    fix: "write e.g. '8080,9090'",
  },
  { path: 'global.proxy.excludeInboundPorts', accepts: isPortList, expected: 'comma-separated ports', fix: "write e.g. '15090'" },
  { path: 'global.proxy.excludeOutboundPorts', accepts: isPortList, expected: 'comma-separated ports', fix: "write e.g. '3306'" },
  bool('global.proxy.holdApplicationUntilProxyStarts'),
  { path: 'global.proxy.autoInject', accepts: isOneOf(['enabled', 'disabled']), expected: 'enabled or disabled', fix: 'pick one of them' },
  str('global.proxy.clusterDomain'),
  bool('global.proxy.privileged'),
  {
    path: 'global.proxy.statusPort',
    accepts: (v) => isIntegerAtLeast(0)(v) && (v as number) < 65536,
    expected: 'a port 0-65535',
    fix: 'use 15020 (the default) or 0 to turn health checks off',
  },
  {
    path: 'global.proxy.tracer',
    accepts: isOneOf(['zipkin', 'lightstep', 'datadog', 'stackdriver', 'none']),
    expected: 'one of zipkin, lightstep, datadog, stackdriver, none',
    fix: 'pick one of them',
  },
  { path: 'replicaCount', accepts: isIntegerAtLeast(0), expected: 'an integer >= 0', fix: 'set a whole number such as 2' },
  bool('autoscaleEnabled'),
  { path: 'autoscaleMin', accepts: isIntegerAtLeast(1), expected: 'an integer >= 1', fix: 'set a whole number such as 1' },
  { path: 'autoscaleMax', accepts: isIntegerAtLeast(1), expected: 'an integer >= 1', fix: 'set a whole number such as 5' },
  resources('resources'),
  stringMap('env', "quote values, e.g. { PILOT_TRACE_SAMPLING: '10' }"),
  stringMap('nodeSelector', 'quote label values'),
  objects('tolerations', 'tolerations'),
  object('affinity', 'an affinity object'),
  stringMap('podAnnotations', 'quote annotation values'),
  stringMap('podLabels', 'quote label values'),
  { path: 'traceSampling', accepts: isNumberBetween(0, 100), expected: 'a number between 0 and 100', fix: 'give a percentage such as 1.0' },
  str('meshConfig.accessLogFile', "use '/dev/stdout' or ''"),
  { path: 'meshConfig.accessLogEncoding', accepts: isOneOf(['TEXT', 'JSON']), expected: 'TEXT or JSON', fix: 'pick one of them' },
  bool('meshConfig.enableTracing'),
  bool('meshConfig.enablePrometheusMerge'),
  str('meshConfig.trustDomain', "use a domain such as 'cluster.local'"),
  str('meshConfig.rootNamespace'),
  {
    path: 'meshConfig.defaultConfig',
    accepts: isObject,
    expected: 'a ProxyConfig object',
    fix: 'write ProxyConfig fields, e.g. { holdApplicationUntilProxyStarts: true }',
  },
  bool('meshConfig.defaultConfig.holdApplicationUntilProxyStarts'),
  {
    path: 'meshConfig.outboundTrafficPolicy.mode',
    accepts: isOneOf(['ALLOW_ANY', 'REGISTRY_ONLY']),
    expected: 'ALLOW_ANY or REGISTRY_ONLY',
    fix: 'pick one of them',
  },
  bool('sidecarInjectorWebhook.enableNamespacesByDefault'),
  bool('sidecarInjectorWebhook.rewriteAppHTTPProbe'),
  {
    path: 'sidecarInjectorWebhook.neverInjectSelector',
    accepts: isObjectArray,
    expected: 'a list of label selectors',
    fix: "write e.g. [{ matchLabels: { job: 'batch' } }]",
  },
  {
    path: 'sidecarInjectorWebhook.alwaysInjectSelector',
    accepts: isObjectArray,
    expected: 'a list of label selectors',
    fix: "write e.g. [{ matchLabels: { inject: 'always' } }]",
  },
  stringMap('sidecarInjectorWebhook.injectedAnnotations', 'quote annotation values'),
  {
    path: 'sidecarInjectorWebhook.reinvocationPolicy',
    accepts: isOneOf(['Never', 'IfNeeded']),
    expected: 'Never or IfNeeded',
    fix: 'pick one of them',
  },
  {
    path: 'sidecarInjectorWebhook.templates',
    accepts: isStringMap,
    expected: 'a map of template name to template text',
    fix: 'give each template as a string',
  },
  {
    path: 'sidecarInjectorWebhook.defaultTemplates',
    accepts: isStringArray,
    expected: 'a list of template names',
    fix: "list names such as 'sidecar'",
  },
  // Last, so that a `global` replaced by a scalar is still reported for global.hub first.
  ...PLATFORM_RULES,
];

/** Type errors and control characters in values for the base chart (merged values: typed props and extraValues alike). */
export function validateBaseValues(values: Record<string, unknown>): string[] {
  return [...checkValues(values, BASE_RULES), ...controlCharacterErrors('base', values)];
}

/** Type errors and control characters in values for the istiod chart, plus cross-field checks. */
export function validateIstiodValues(values: Record<string, unknown>): string[] {
  const errors = [...checkValues(values, ISTIOD_RULES), ...controlCharacterErrors('istiod', values)];
  const min = values.autoscaleMin;
  const max = values.autoscaleMax;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.push(
      `values.autoscaleMin (${min}) is greater than values.autoscaleMax (${max}): min must be <= max; raise autoscaleMax or lower autoscaleMin`,
    );
  }
  return errors;
}

/** The construct-level names: the namespace and helm's release name. */
export function validateNames(namespace: string, release: string): string[] {
  const errors: string[] = [];
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    errors.push(
      `namespace ${JSON.stringify(namespace)} is not a valid namespace name: must be lowercase letters, digits and '-', at most 63; use e.g. 'istio-system'`,
    );
  }
  if (!isDns1123Subdomain(release) || release.length > 53) {
    errors.push(
      `releaseName ${JSON.stringify(release)} is not a valid helm release name: must be lowercase letters, digits, '-' and '.', at most 53; use e.g. 'istiod'`,
    );
  }
  return errors;
}
