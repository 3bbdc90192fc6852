import { describeObject } from '../../../k8s/object';
import { scopedPolicies } from '../../mtls';
import { finding, type Rule } from '../../rule';

export const duplicateScopePolicies: Rule = {
  code: 'CDK8SI013',
  level: 'warning',
  title: 'several namespace-wide PeerAuthentications',
  explanation:
    'a namespace has more than one PeerAuthentication without selector (mesh-wide in the root namespace); Istio uses the oldest and ignores the rest',
  fix: 'merge them into one namespace-wide (or mesh-wide) policy',
  check(index) {
    return index.namespaceNames().flatMap((ns) => {
      const policies = scopedPolicies(index, ns);
      if (policies.length < 2) return [];
      const [kept, ...ignored] = policies;
      const scope = ns === index.rootNamespace ? 'mesh-wide' : `namespace-wide in ${ns}`;
      return [
        finding(
          this,
          `${policies.length} PeerAuthentications are ${scope}; Istio uses only the oldest ` +
            `(${describeObject(kept.entry.object)}, by creationTimestamp then name) and ignores ` +
            `${ignored.map((p) => describeObject(p.entry.object)).join(', ')}; merge them into one`,
          ...policies.map((p) => p.entry),
        ),
      ];
    });
  },
};
