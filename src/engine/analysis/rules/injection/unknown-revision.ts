import { describeObject } from '../../../k8s/object';
import { isControlPlane, REVISION_LABEL } from '../../mesh';
import { type Finding, finding, type Rule, type SourcedObject } from '../../rule';
import { knownRevisions } from './revisions';

export const unknownRevision: Rule = {
  code: 'CDK8SI001',
  level: 'warning',
  title: 'revision label names no control plane',
  explanation:
    'an istio.io/rev label (namespace or pod) names neither an istiod revision nor a revision tag of the input, so no webhook injects those pods',
  fix: 'use the revision (or tag) of an istiod in the input, or add that revision',
  check(index) {
    if (!index.hasControlPlane()) return [];
    const known = knownRevisions(index);
    const out: Finding[] = [];
    const report = (value: string, what: string, entry: SourcedObject) => {
      if (known.has(value)) return;
      out.push(
        finding(
          this,
          `${what} has label ${REVISION_LABEL}=${value}, but the input has no istiod revision or tag ` +
            `'${value}' (known: ${[...known].sort().join(', ')}), so no webhook injects its pods; use one of the known revisions`,
          entry,
        ),
      );
    };
    for (const ns of index.byKind('Namespace', '')) {
      const rev = ns.object.metadata.labels?.[REVISION_LABEL];
      if (rev !== undefined) report(rev, describeObject(ns.object), ns);
    }
    for (const w of index.workloads) {
      const rev = w.podLabels[REVISION_LABEL];
      if (rev !== undefined && !isControlPlane(w)) report(rev, `the pod template of ${describeObject(w.object)}`, w);
    }
    return out;
  },
};
