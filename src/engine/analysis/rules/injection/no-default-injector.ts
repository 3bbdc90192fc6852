import { describeObject } from '../../../k8s/object';
import { INJECTION_LABEL, injectedByInjector, membership, REVISION_LABEL, SIDECAR_INJECT } from '../../mesh';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { knownRevisions } from './revisions';

export const noDefaultInjector: Rule = {
  code: 'CDK8SI001',
  level: 'warning',
  title: 'injection label with no default injector',
  explanation:
    `a Namespace labeled ${INJECTION_LABEL}=enabled, or a pod template labeled ${SIDECAR_INJECT}=true in a namespace without injection labels, ` +
    "is served only by the default injector, but every istiod of the input has a revision and no revision tag 'default' points at one, so no webhook injects those pods",
  fix: `label the namespace (or pod) ${REVISION_LABEL}=<revision or tag> instead, or add a revision tag 'default' that points at an istiod of the input`,
  check(index) {
    if (!index.hasControlPlane()) return [];
    const known = knownRevisions(index);
    if (known.has('default')) return [];
    const revisions = [...known].sort().join(', ');
    const out: Finding[] = [];
    const report = (what: string, entry: SourcedObject) =>
      out.push(
        finding(
          this,
          `${what}, which only the default injector serves, but the input has no istiod without a revision and no revision tag 'default' ` +
            `(revisions and tags: ${revisions}), so no webhook injects its pods; label it ${REVISION_LABEL}=<one of those> instead, ` +
            "or add a revision tag 'default'",
          entry,
        ),
      );
    for (const ns of index.byKind('Namespace', '')) {
      if (ns.object.metadata.labels?.[INJECTION_LABEL] === 'enabled')
        report(`${describeObject(ns.object)} has label ${INJECTION_LABEL}=enabled`, ns);
    }
    for (const w of index.workloads) {
      const ns = index.namespaceLabels(w.namespace);
      // Only the pod-label path: a namespace label (reported above, or a revision) decides for the other pods.
      if (w.podLabels[SIDECAR_INJECT] !== 'true' || w.podLabels[REVISION_LABEL] !== undefined) continue;
      if (ns[INJECTION_LABEL] !== undefined || ns[REVISION_LABEL] !== undefined) continue;
      if (!membership(index, w).webhookInjects || injectedByInjector(w)) continue;
      report(`the pod template of ${describeObject(w.object)} has label ${SIDECAR_INJECT}=true`, w);
    }
    return out;
  },
};
