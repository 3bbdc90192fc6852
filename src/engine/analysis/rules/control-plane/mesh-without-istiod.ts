import { describeObject } from '../../../k8s/object';
import { isControlPlane, membership } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const meshWithoutIstiod: Rule = {
  code: 'CDK8SI020',
  level: 'info',
  title: 'no istiod in the input',
  explanation: 'workloads rely on sidecar injection but no istiod Deployment is in the input, so revision checks are skipped',
  fix: 'nothing if the control plane is managed elsewhere; otherwise add it (IstioBase and Istiod) to the input',
  check(index) {
    if (index.hasControlPlane()) return [];
    const injected = index.workloads.filter((w) => !isControlPlane(w) && membership(index, w).webhookInjects);
    if (injected.length === 0) return [];
    return [
      finding(
        this,
        `${injected.length} workload(s) (first: ${describeObject(injected[0].object)}) rely on the injection ` +
          'webhook, but no istiod Deployment is in the input; revision labels and tags were not checked ' +
          '(fine when the control plane is deployed separately)',
        injected[0],
      ),
    ];
  },
};
