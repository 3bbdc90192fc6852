import { describeObject, isRecord } from '../../../k8s/object';
import { isControlPlane, membership } from '../../mesh';
import { finding, type Rule } from '../../rule';

/** The proxy's user ID: traffic from it bypasses the capture rules, so applications must not use it. */
const PROXY_UID = 1337;

export const applicationUid1337: Rule = {
  code: 'IST0144',
  level: 'warning',
  title: 'application runs as UID 1337',
  explanation:
    'an application container (or the pod) runs as user 1337, the ID reserved for the sidecar proxy, whose traffic is not captured',
  fix: 'run the application as another user ID',
  check(index) {
    // Ambient redirection does not exempt user 1337 (ztunnel marks its own packets), so only sidecar pods are at risk.
    return index.workloads
      .filter((w) => !isControlPlane(w) && !membership(index, w).ambient)
      .flatMap((w) => {
        const offenders: string[] = [];
        if (isRecord(w.podSpec.securityContext) && w.podSpec.securityContext.runAsUser === PROXY_UID)
          offenders.push('the pod securityContext');
        for (const c of w.containers) {
          if (!c.init && c.name !== 'istio-proxy' && c.securityContext?.runAsUser === PROXY_UID) offenders.push(`container ${c.name}`);
        }
        if (offenders.length === 0) return [];
        return [
          finding(
            this,
            `${describeObject(w.object)}: ${offenders.join(', ')} set${offenders.length === 1 ? 's' : ''} ` +
              `runAsUser ${PROXY_UID}, the user ID reserved for the sidecar proxy (its traffic bypasses the mesh); use another user ID`,
            w,
          ),
        ];
      });
  },
};
