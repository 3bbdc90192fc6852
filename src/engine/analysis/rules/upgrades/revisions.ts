import { isRecord } from '../../../k8s/object';
import { type IstiodInfo, type ObjectIndex } from '../../index-objects';
import { INJECTION_LABEL, REVISION_LABEL } from '../../mesh';
import { revisionTags } from '../injection/revisions';

/**
 * Annotation on an istiod Deployment that marks its revision as being removed (Istiod's `draining` prop sets it):
 * namespaces and tags should move off it before it goes.
 */
export const DRAINING_ANNOTATION = 'cdk8s-istio.dev/draining';

/** The revision a namespace label names, with revision tags resolved to the revision they point at. */
export function resolveRevision(index: ObjectIndex, revisionOrTag: string): string {
  return revisionTags(index).find((t) => t.tag === revisionOrTag)?.revision ?? revisionOrTag;
}

/** The revision whose webhook injects new pods of a namespace (tags resolved), or undefined when none does. */
export function servingRevision(index: ObjectIndex, namespace: string): string | undefined {
  const labels = index.namespaceLabels(namespace);
  // A `default` tag serves istio-injection=enabled too, so the namespace follows it.
  if (labels[INJECTION_LABEL] === 'enabled') return resolveRevision(index, 'default');
  if (labels[INJECTION_LABEL] !== undefined) return undefined;
  const named = labels[REVISION_LABEL];
  return named === undefined ? undefined : resolveRevision(index, named);
}

/** The istiod Deployment of a revision in the input. */
export function istiodOf(index: ObjectIndex, revision: string): IstiodInfo | undefined {
  return index.istiods.find((i) => i.revision === revision);
}

/** The tag of an image reference (`docker.io/istio/proxyv2:1.30.3` → `1.30.3`), without a digest. */
export function imageTag(image: string | undefined): string | undefined {
  const name = image?.split('@')[0];
  const slash = name?.lastIndexOf('/') ?? -1;
  const colon = name?.lastIndexOf(':') ?? -1;
  return name !== undefined && colon > slash ? name.slice(colon + 1) : undefined;
}

/** The Istio version an istiod Deployment runs: the tag of its `discovery` container's image. */
export function istiodVersion(istiod: IstiodInfo): string | undefined {
  const spec = istiod.object.spec;
  const template = isRecord(spec) && isRecord(spec.template) ? spec.template : undefined;
  const containers: unknown = isRecord(template?.spec) ? template.spec.containers : undefined;
  if (!Array.isArray(containers)) return undefined;
  const discovery: unknown = containers.find((c) => isRecord(c) && c.name === 'discovery');
  return isRecord(discovery) && typeof discovery.image === 'string' ? imageTag(discovery.image) : undefined;
}

/** Whether an istiod Deployment is marked as being removed. */
export function isDraining(istiod: IstiodInfo): boolean {
  return istiod.object.metadata.annotations?.[DRAINING_ANNOTATION] === 'true';
}
