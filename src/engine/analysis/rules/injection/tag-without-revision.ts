import { describeObject } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';
import { revisionTags } from './revisions';

export const tagWithoutRevision: Rule = {
  code: 'CDK8SI002',
  level: 'warning',
  title: 'revision tag points at no control plane',
  explanation: 'a revision tag webhook (label istio.io/tag) points at a revision with no istiod in the input',
  fix: 'point the tag at the revision of an istiod in the input, or add that revision',
  check(index) {
    if (!index.hasControlPlane()) return [];
    const revisions = new Set(index.istiods.map((i) => i.revision));
    return revisionTags(index)
      .filter((t) => !revisions.has(t.revision))
      .map((t) =>
        finding(
          this,
          `${describeObject(t.entry.object)} makes tag '${t.tag}' point at revision '${t.revision}', but no istiod of ` +
            `that revision is in the input (revisions: ${[...revisions].sort().join(', ')}); point the tag at one of them`,
          t.entry,
        ),
      );
  },
};
