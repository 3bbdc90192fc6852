import { type IConstruct } from 'constructs';
import { findInApp } from '../core/app-index';
import { DEFAULT_REVISION } from '../model/injection-mode';
import { Istiod } from './control-plane/istiod';
import { RevisionTag } from './control-plane/revision-tag';

/** The revisions of every Istiod in the app of `scope` ('default' for an Istiod without one), sorted. */
export function appRevisions(scope: IConstruct): string[] {
  const revisions = new Set<string>();
  for (const istiod of findInApp(scope, Istiod.isIstiod)) revisions.add(istiod.revision ?? DEFAULT_REVISION);
  return [...revisions].sort();
}

/** The first RevisionTag of the app of `scope` named `name`, if any. */
export function tagOf(scope: IConstruct, name: string): RevisionTag | undefined {
  return findInApp(scope, RevisionTag.isRevisionTag).find((t) => t.name === name);
}

/** The revision a name stands for: a tag's revision, or the name itself. */
export function resolveRevision(scope: IConstruct, name: string): string {
  return tagOf(scope, name)?.revision ?? name;
}

/** The Istiod of the app that serves `name` (a revision, or a tag of one), if it is in the app. */
export function istiodFor(scope: IConstruct, name: string): Istiod | undefined {
  const tag = tagOf(scope, name);
  if (tag?.istiod) return tag.istiod;
  const revision = tag ? tag.revision : name;
  return findInApp(scope, Istiod.isIstiod).find((i) => (i.revision ?? DEFAULT_REVISION) === revision);
}

/**
 * The error when `revision` is neither the revision of an Istiod in the app nor a RevisionTag of the app (the tag
 * checks its own revision), and is not declared external; else undefined.
 * `externalHint` shows how to declare it external for the caller's API.
 */
export function missingRevisionError(scope: IConstruct, revision: string, externalHint: string): string | undefined {
  const known = appRevisions(scope);
  if (known.includes(revision) || tagOf(scope, revision)) return undefined;
  const tags = findInApp(scope, RevisionTag.isRevisionTag).map((t) => t.name);
  const here = [
    known.length > 0 ? `istiod revisions in this app: ${known.join(', ')}` : 'this app has no istiod',
    ...(tags.length > 0 ? [`tags: ${[...new Set(tags)].sort().join(', ')}`] : []),
  ].join('; ');
  const add = revision === DEFAULT_REVISION ? 'new Istiod(scope, id)' : `new Istiod(scope, id, { revision: '${revision}' })`;
  return `revision '${revision}' has no istiod in this app (${here}): add ${add}, or declare it external with ${externalHint}`;
}

/**
 * The error when the app has Istiods but none serves the default revision's selectors (`istio-injection=enabled`):
 * no Istiod without revision and no RevisionTag `default` (e.g. after a canary upgrade removed the old default).
 * An app without any Istiod (control plane installed elsewhere) is not checked. `what` names the user.
 */
export function missingDefaultRevisionError(scope: IConstruct, what: string): string | undefined {
  const known = appRevisions(scope);
  if (known.length === 0 || known.includes(DEFAULT_REVISION) || tagOf(scope, DEFAULT_REVISION)) return undefined;
  return (
    `${what}, which only the default revision serves, but this app has no Istiod without revision and no ` +
    `RevisionTag 'default' (istiod revisions in this app: ${known.join(', ')}): add new RevisionTag(scope, id, ` +
    `{ name: 'default', revision: <Istiod> }), or use InjectionMode.revision('<revision or tag>') ` +
    `(InjectionMode.revision('default', { external: true }) for a default revision installed elsewhere)`
  );
}
