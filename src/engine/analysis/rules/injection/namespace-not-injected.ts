import { describeObject } from '../../../k8s/object';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, isControlPlane, isSystemNamespace, membership, REVISION_LABEL } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const namespaceNotInjected: Rule = {
  code: 'IST0102',
  level: 'info',
  title: 'namespace not labeled for injection',
  explanation: 'a namespace with workloads has neither an injection label nor a revision label, so its pods get no sidecar',
  fix: 'label the namespace istio-injection=enabled or istio.io/rev=<revision>, or istio-injection=disabled to keep it out on purpose',
  check(index) {
    return index.byKind('Namespace', '').flatMap((ns) => {
      const name = ns.object.metadata.name ?? '';
      const labels = ns.object.metadata.labels ?? {};
      if (name === index.rootNamespace || isSystemNamespace(name)) return [];
      if (INJECTION_LABEL in labels || REVISION_LABEL in labels || labels[DATAPLANE_MODE_LABEL] === 'ambient') return [];
      // Pods enrolled in ambient mode one by one (pod label istio.io/dataplane-mode=ambient) need no sidecar.
      const workloads = index.workloadsIn(name).filter((w) => !isControlPlane(w) && !membership(index, w).ambient);
      if (workloads.length === 0) return [];
      return [
        finding(
          this,
          `${describeObject(ns.object)} has ${workloads.length} workload(s) but no injection label, so they run ` +
            `without a sidecar unless labeled one by one; label it ${INJECTION_LABEL}=enabled (or ${REVISION_LABEL}=<revision>), ` +
            `or ${INJECTION_LABEL}=disabled to keep it out of the mesh on purpose`,
          ns,
        ),
      ];
    });
  },
};
