import { isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { REVISION_LABEL, TAG_LABEL } from '../../mesh';
import { type SourcedObject } from '../../rule';

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

/**
 * The first Service (`namespace/name`) a webhook configuration's webhooks call that is not in the input, else
 * undefined (webhooks called by URL have no Service to miss).
 */
export function missingWebhookService(index: ObjectIndex, entry: SourcedObject): string | undefined {
  const webhooks: unknown = entry.object.webhooks;
  for (const w of Array.isArray(webhooks) ? webhooks : []) {
    const service: unknown = isRecord(w) && isRecord(w.clientConfig) ? w.clientConfig.service : undefined;
    if (!isRecord(service)) continue;
    const namespace = String(service.namespace ?? 'default');
    const name = String(service.name ?? '');
    if (!index.service(namespace, name)) return `${namespace}/${name}`;
  }
  return undefined;
}
