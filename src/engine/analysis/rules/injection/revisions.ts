import { type ObjectIndex } from '../../index-objects';
import { REVISION_LABEL, TAG_LABEL } from '../../mesh';

/** Revisions of the istiods in the input, plus revision tags (tag webhooks) that point at one of them. */
export function knownRevisions(index: ObjectIndex): Set<string> {
  const revisions = new Set(index.istiods.map((i) => i.revision));
  for (const tag of revisionTags(index)) if (revisions.has(tag.revision)) revisions.add(tag.tag);
  return revisions;
}

/** Revision tags: MutatingWebhookConfigurations labeled istio.io/tag (and istio.io/rev, the revision they point at). */
export function revisionTags(index: ObjectIndex) {
  return index.byKind('MutatingWebhookConfiguration').flatMap((entry) => {
    const labels = entry.object.metadata.labels ?? {};
    const tag = labels[TAG_LABEL];
    return tag === undefined ? [] : [{ entry, tag, revision: labels[REVISION_LABEL] ?? 'default' }];
  });
}
