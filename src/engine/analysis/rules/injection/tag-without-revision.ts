import { describeObject } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';
import { missingWebhookService, revisionTags } from './revisions';

export const tagWithoutRevision: Rule = {
  code: 'CDK8SI002',
  level: 'warning',
  title: 'revision tag points at no control plane',
  explanation: 'a revision tag webhook (label istio.io/tag) points at a revision, or an istiod Service, that is not in the input',
  fix: 'point the tag at the revision of an istiod in the input, or add that revision',
  check(index) {
    if (!index.hasControlPlane()) return [];
    const revisions = new Set(index.istiods.map((i) => i.revision));
    const known = [...revisions].sort().join(', ');
    return revisionTags(index).flatMap((t) => {
      const subject = `${describeObject(t.entry.object)} makes tag '${t.tag}' point at revision '${t.revision}'`;
      if (!revisions.has(t.revision)) {
        return [
          finding(
            this,
            `${subject}, but no istiod of that revision is in the input (revisions: ${known}); point the tag at one of them`,
            t.entry,
          ),
        ];
      }
      const missing = missingWebhookService(index, t.entry);
      return missing
        ? [
            finding(
              this,
              `${subject}, but its webhook calls Service ${missing}, which is not in the input; render the tag from that ` +
                "revision's istiod chart so it calls istiod-<revision>",
              t.entry,
            ),
          ]
        : [];
    });
  },
};
