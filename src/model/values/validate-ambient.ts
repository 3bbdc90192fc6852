import { checkValues, isIntegerAtLeast, isObjectArray, isOneOf, isRevisionName, isStringArray, type ValueRule } from './checks';
import { isValuesObject } from './common';
import { controlCharacterErrors } from './control-characters';
import { mergeValues } from './merge';
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

const pullPolicy = (path: string, allowEmpty = false): ValueRule => ({
  path,
  accepts: isOneOf(['Always', 'IfNotPresent', 'Never', ...(allowEmpty ? [''] : [])]),
  expected: 'Always, IfNotPresent or Never',
  fix: 'pick one of them',
});
const seconds = (path: string): ValueRule => ({
  path,
  accepts: isIntegerAtLeast(0),
  expected: 'an integer >= 0',
  fix: 'give whole seconds such as 30',
});
const quota = (path: string): ValueRule => ({
  path,
  accepts: isIntegerAtLeast(1),
  expected: 'an integer >= 1',
  fix: 'give a pod count such as 5000',
});
const common: readonly ValueRule[] = [
  PROFILE,
  ...PLATFORM_RULES,
  hub('global.hub'),
  tag('global.tag'),
  str('global.variant', "use 'distroless', 'debug' or ''"),
  hub('hub'),
  tag('tag'),
  str('variant', "use 'distroless', 'debug' or ''"),
  bool('global.networkPolicy.enabled'),
  resources('resources'),
  bool('resourceQuotas.enabled'),
  quota('resourceQuotas.pods'),
  objects('tolerations', 'tolerations'),
  object('affinity', 'an affinity object'),
  object('seLinuxOptions', 'an SELinux options object'),
  object('updateStrategy', 'a DaemonSet update strategy'),
  stringMap('podAnnotations', 'quote annotation values'),
  stringMap('podLabels', 'quote label values'),
  stringMap('env', "quote values, e.g. { FOO: '1' }"),
  seconds('terminationGracePeriodSeconds'),
  {
    path: 'revision',
    accepts: isRevisionName,
    expected: "a DNS label (lowercase letters, digits, '-', at most 63)",
    fix: "use the revision of an istiod, such as 'canary'",
  },
];

const CNI_RULES: readonly ValueRule[] = [
  ...common,
  pullPolicy('global.imagePullPolicy', true),
  secretNames('global.imagePullSecrets'),
  str('global.logging.level', "use e.g. 'info' or 'default:debug'"),
  bool('global.logAsJson'),
  bool('global.nativeNftables'),
  { path: 'global.resourceScope', ...RESOURCE_SCOPE },
  pullPolicy('pullPolicy', true),
  str('logging.level', "use e.g. 'info' or 'default:debug'"),
  str('cniBinDir', "give an absolute host path such as '/opt/cni/bin'"),
  str('cniConfDir', "give an absolute host path such as '/etc/cni/net.d'"),
  str('cniConfFileName', "give a file name such as '10-calico.conflist'"),
  str('cniNetnsDir', "give an absolute host path such as '/var/run/netns'"),
  bool('istioOwnedCNIConfig'),
  str('istioOwnedCNIConfigFileName'),
  { path: 'excludeNamespaces', accepts: isStringArray, expected: 'a list of namespace names', fix: "list names such as 'kube-system'" },
  stringMap('daemonSetLabels', 'quote label values'),
  bool('chained'),
  { path: 'provider', accepts: isOneOf(['default', 'multus']), expected: 'default or multus', fix: 'pick one of them' },
  bool('ambient.enabled'),
  {
    path: 'ambient.enablementSelectors',
    accepts: isObjectArray,
    expected: 'a list of selectors',
    fix: 'write { podSelector?, namespaceSelector? } entries',
  },
  str('ambient.configDir'),
  bool('ambient.dnsCapture'),
  bool('ambient.ipv6'),
  bool('ambient.reconcileIptablesOnStartup'),
  bool('ambient.shareHostNetworkNamespace'),
  bool('ambient.enableAmbientDetectionRetry'),
  bool('repair.enabled'),
  hub('repair.hub'),
  tag('repair.tag'),
  bool('repair.labelPods'),
  bool('repair.deletePods'),
  bool('repair.repairPods'),
  str('repair.initContainerName'),
  str('repair.brokenPodLabelKey'),
  str('repair.brokenPodLabelValue'),
  object('seccompProfile', 'a seccomp profile object'),
  bool('useAppArmorAnnotation'),
];

const ZTUNNEL_RULES: readonly ValueRule[] = [
  ...common,
  str('image', "use 'ztunnel' or a full image reference"),
  pullPolicy('imagePullPolicy', true),
  secretNames('imagePullSecrets'),
  str('network'),
  {
    path: 'resourceName',
    accepts: isRevisionName,
    expected: "a DNS label (lowercase letters, digits, '-')",
    fix: "use e.g. 'ztunnel' (the default)",
  },
  stringMap('labels', 'quote label values'),
  stringMap('annotations', 'quote annotation values'),
  objects('volumeMounts', 'volume mounts'),
  objects('volumes', 'volumes'),
  stringMap('nodeSelector', 'quote label values'),
  bool('peerCaCrl.enabled'),
  str('multiCluster.clusterName'),
  stringMap('meshConfig.defaultConfig.proxyMetadata', "quote values, e.g. { FOO: '1' }"),
  str('caAddress', "use 'host:port'"),
  str('xdsAddress', "use 'host:port'"),
  { path: 'istioNamespace', ...ISTIOD_NAMESPACE },
  {
    path: 'logLevel',
    accepts: (v) => typeof v === 'string' && /^[A-Za-z0-9_:=,.-]+$/.test(v),
    expected: 'a level (trace, debug, info, warn, error) or RUST_LOG directives',
    fix: "use e.g. 'info' or 'info,ztunnel::proxy=debug'",
  },
  bool('logAsJson'),
  { path: 'resourceScope', ...RESOURCE_SCOPE },
  str('dnsPolicy', "use e.g. 'ClusterFirst'"),
  object('dnsConfig', 'a DNS config object'),
  str('trustBundleName'),
];

/** The rules of the keys the chart takes from its `cni` block (the profile and images are chosen before it applies). */
const CNI_BLOCK_RULES = CNI_RULES.filter((r) => !['profile', 'platform'].includes(r.path) && !r.path.startsWith('global.'));

/**
 * Type errors, control characters and cross-field problems in values for the istio-cni chart, also in its `cni`
 * block (the same keys, copied over the top level by the chart).
 */
export function validateCniValues(values: Record<string, unknown>): string[] {
  const errors = [...checkValues(values, CNI_RULES), ...controlCharacterErrors('istio-cni', values)];
  const { cni, ...top } = values;
  if (isValuesObject(cni)) errors.push(...checkValues(cni, CNI_BLOCK_RULES, 'values.cni'));
  else if (cni !== undefined)
    errors.push(`values.cni is ${JSON.stringify(cni)}: must be a map of the chart's keys; give a map or leave it out`);
  const effective = mergeValues(top, isValuesObject(cni) ? cni : undefined);
  const repair = isValuesObject(effective.repair) ? effective.repair : {};
  // The chart picks the first mode that is on, in this order; repairPods is on by default.
  const modes = ['repairPods', 'deletePods', 'labelPods'].filter((m) => (m === 'repairPods' ? repair[m] !== false : repair[m] === true));
  if (modes.length > 1) {
    errors.push(
      `values.repair turns on ${modes.join(' and ')}: only one repair mode works and the chart would use ${modes[0]}; ` +
        `set the others to false (repairPods is on unless set to false)`,
    );
  }
  return errors;
}

/** Type errors and control characters in values for the ztunnel chart. */
export function validateZtunnelValues(values: Record<string, unknown>): string[] {
  return [...checkValues(values, ZTUNNEL_RULES), ...controlCharacterErrors('ztunnel', values)];
}
