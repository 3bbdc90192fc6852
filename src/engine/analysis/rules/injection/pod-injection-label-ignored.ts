import { DEFAULT_REVISION } from '../../../../model/injection-mode';
import { describeObject } from '../../../k8s/object';
import { awaitsInjection, INJECTION_LABEL, isControlPlane, membership, REVISION_LABEL, SIDECAR_INJECT } from '../../mesh';
import { type Finding, finding, type Rule } from '../../rule';

export const podInjectionLabelIgnored: Rule = {
  code: 'CDK8SI005',
  level: 'warning',
  title: 'pod injection label overruled by its namespace',
  explanation:
    'a pod template asks for injection (sidecar.istio.io/inject=true) or a revision (istio.io/rev) that its namespace labels overrule, so the webhooks ignore the pod label',
  fix: 'change the namespace label (or remove it), or drop the pod label that has no effect',
  check(index) {
    const out: Finding[] = [];
    for (const w of index.workloads) {
      // Pre-injected templates carry istio.io/rev from the injector; the webhooks do not matter for them. Gateway pods
      // (istio-proxy image 'auto') wait for a webhook: CDK8SI057 reports them when none comes, this rule which one.
      if (awaitsInjection(w) ? !membership(index, w).webhookInjects : w.hasProxy || isControlPlane(w)) continue;
      const ns = index.namespaceLabels(w.namespace);
      const what = `the pod template of ${describeObject(w.object)}`;
      if (w.podLabels[SIDECAR_INJECT] === 'true' && ns[INJECTION_LABEL] === 'disabled') {
        out.push(
          finding(
            this,
            `${what} has ${SIDECAR_INJECT}=true, but namespace ${w.namespace} has ${INJECTION_LABEL}=disabled, ` +
              'which wins: the pod gets no sidecar; enable injection on the namespace (or use istio.io/rev on it), or drop the pod label',
            w,
          ),
        );
      }
      const podRev = w.podLabels[REVISION_LABEL];
      if (podRev === undefined) continue;
      // istio.io/rev=default in an istio-injection=enabled namespace names the revision that injects it anyway.
      const sameRevision = ns[INJECTION_LABEL] === 'enabled' && podRev === DEFAULT_REVISION;
      const nsRule =
        ns[INJECTION_LABEL] !== undefined && !sameRevision
          ? `${INJECTION_LABEL}=${ns[INJECTION_LABEL]}`
          : ns[REVISION_LABEL] !== undefined && ns[REVISION_LABEL] !== podRev
            ? `${REVISION_LABEL}=${ns[REVISION_LABEL]}`
            : undefined;
      if (nsRule === undefined) continue;
      out.push(
        finding(
          this,
          `${what} has ${REVISION_LABEL}=${podRev}, but namespace ${w.namespace} has ${nsRule}, which decides ` +
            `instead (pod revision labels count only in namespaces without injection labels); label the namespace ${REVISION_LABEL}=${podRev}, or drop the pod label`,
          w,
        ),
      );
    }
    return out;
  },
};
