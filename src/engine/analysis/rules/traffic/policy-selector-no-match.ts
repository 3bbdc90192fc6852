import { describeObject, isRecord } from '../../../k8s/object';
import { matches, selectorOf } from '../../index-objects';
import { finding, type Rule } from '../../rule';

const POLICY_KINDS: readonly [string, string][] = [
  ['AuthorizationPolicy', 'security.istio.io'],
  ['RequestAuthentication', 'security.istio.io'],
  ['Telemetry', 'telemetry.istio.io'],
];

export const policySelectorNoMatch: Rule = {
  code: 'IST0127',
  level: 'warning',
  title: 'policy selects no workload',
  explanation:
    'an AuthorizationPolicy, RequestAuthentication or Telemetry selector matches no workload of its namespace (of any namespace, in the root namespace), so it has no effect',
  fix: 'correct the selector labels (they must match pod template labels), or remove the policy',
  check(index) {
    return POLICY_KINDS.flatMap(([kind, group]) => index.byKind(kind, group)).flatMap((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const selector = selectorOf(spec.selector);
      if (!selector || Object.keys(selector).length === 0) return [];
      const namespace = entry.object.metadata.namespace ?? 'default';
      const found =
        namespace === index.rootNamespace
          ? index.workloads.some((w) => matches(selector, w.podLabels))
          : index.workloadsMatching(namespace, selector).length > 0;
      if (found) return [];
      const labels = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [
        finding(
          this,
          `${describeObject(entry.object)} selects pods labeled ${labels}, but no workload ` +
            `${namespace === index.rootNamespace ? 'in the mesh' : `in namespace ${namespace}`} has those pod labels; correct the selector or remove the policy`,
          entry,
        ),
      ];
    });
  },
};
