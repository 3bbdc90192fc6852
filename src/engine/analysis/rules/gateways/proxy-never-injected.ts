import { describeObject } from '../../../k8s/object';
import { type ObjectIndex, type Workload } from '../../index-objects';
import { awaitsInjection, INJECTION_LABEL, isSystemNamespace, membership, SIDECAR_INJECT } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const proxyNeverInjected: Rule = {
  code: 'CDK8SI057',
  level: 'error',
  title: "image 'auto' that no webhook fills in",
  explanation:
    "a pod template's istio-proxy container has image 'auto' (as the gateway chart renders it), a placeholder only the injection webhook replaces, but no webhook injects the pods (namespace istio-injection=disabled, a system namespace, sidecar.istio.io/inject=false, host network), so they never start",
  fix:
    `let a webhook inject the pods (a namespace without ${INJECTION_LABEL}=disabled, the pod label ${SIDECAR_INJECT}=true, ` +
    'no host network), or deploy the workload in a namespace that is not a system one',
  check(index) {
    return (
      index.workloads
        // Without its Namespace object a namespace's labels are unknown (it may be labeled in the cluster).
        .filter((w) => awaitsInjection(w) && (index.namespace(w.namespace) !== undefined || isSystemNamespace(w.namespace)))
        .filter((w) => !membership(index, w).webhookInjects)
        .map((w) =>
          finding(
            this,
            `${describeObject(w.object)} has an istio-proxy container with image 'auto' that only the injection webhook ` +
              `fills in, but ${reason(index, w)}, so its pods never start; ${this.fix}`,
            w,
          ),
        )
    );
  },
};

/** Why no webhook injects the workload, in the order the webhooks and the injector decide. */
function reason(index: ObjectIndex, w: Workload): string {
  const optOut = w.podLabels[SIDECAR_INJECT] ?? w.podAnnotations[SIDECAR_INJECT];
  if (optOut === 'false') return `its pods opt out (${SIDECAR_INJECT}=false)`;
  const nsInjection = index.namespaceLabels(w.namespace)[INJECTION_LABEL];
  if (nsInjection !== undefined && nsInjection !== 'enabled') return `namespace ${w.namespace} has ${INJECTION_LABEL}=${nsInjection}`;
  if (isSystemNamespace(w.namespace)) return `the injector skips namespace ${w.namespace}`;
  if (w.podSpec.hostNetwork === true) return 'its pods use the host network, which the injector skips';
  return `neither namespace ${w.namespace} nor its pods (${SIDECAR_INJECT}=true) ask for injection`;
}
