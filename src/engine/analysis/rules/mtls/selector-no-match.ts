import { describeObject } from '../../../k8s/object';
import { peerAuthentications } from '../../mtls';
import { finding, type Rule } from '../../rule';

export const peerAuthenticationSelectorNoMatch: Rule = {
  code: 'IST0127',
  level: 'warning',
  title: 'PeerAuthentication selects no workload',
  explanation:
    'a PeerAuthentication workload selector matches no workload of its namespace in the input, or sits in the root namespace where Istio ignores selectors',
  fix: "correct the selector labels (they must match the pod template labels), move the policy to the workloads' namespace, or remove it",
  check(index) {
    return peerAuthentications(index)
      .filter((pa) => pa.scope === 'workload')
      .flatMap((pa) => {
        const what = describeObject(pa.entry.object);
        if (pa.namespace === index.rootNamespace) {
          return [
            finding(
              this,
              `${what} has a workload selector but sits in the root namespace ${pa.namespace}, where Istio ` +
                'ignores policies with selectors; move it to the namespace of the workloads, or drop the selector to make it mesh-wide',
              pa.entry,
            ),
          ];
        }
        if (index.workloadsMatching(pa.namespace, pa.selector).length > 0) return [];
        return [
          finding(
            this,
            `${what} selects pods labeled ${Object.entries(pa.selector ?? {})
              .map(([k, v]) => `${k}=${v}`)
              .join(',')}, ` +
              `but no workload in namespace ${pa.namespace} has those pod labels; correct the selector or remove the policy`,
            pa.entry,
          ),
        ];
      });
  },
};
