import { type IConstruct } from 'constructs';
import { findInApp } from '../core/app-index';
import { DEFAULT_REVISION } from '../model/injection-mode';
import { Istiod } from './control-plane/istiod';

/** The revisions of every Istiod in the app of `scope` ('default' for an Istiod without one), sorted. */
export function appRevisions(scope: IConstruct): string[] {
  const revisions = new Set<string>();
  for (const istiod of findInApp(scope, Istiod.isIstiod)) revisions.add(istiod.revision ?? DEFAULT_REVISION);
  return [...revisions].sort();
}

/**
 * The error when `revision` has no Istiod in the app and is not declared external, or undefined.
 * `externalHint` shows how to declare it external for the caller's API.
 */
export function missingRevisionError(scope: IConstruct, revision: string, externalHint: string): string | undefined {
  const known = appRevisions(scope);
  if (known.includes(revision)) return undefined;
  const here = known.length > 0 ? `istiod revisions in this app: ${known.join(', ')}` : 'this app has no istiod';
  const add = revision === DEFAULT_REVISION ? 'new Istiod(scope, id)' : `new Istiod(scope, id, { revision: '${revision}' })`;
  return `revision '${revision}' has no istiod in this app (${here}): add ${add}, or declare it external with ${externalHint}`;
}
