import { type IConstruct } from 'constructs';
import { findInApp } from '../core/app-index';
import { hasBrand } from '../model/brand';
import { DEFAULT_REVISION, type InjectionMode } from '../model/injection-mode';
import { describeValue } from '../model/names';
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
export function missingDefaultRevisionError(
  scope: IConstruct,
  what: string,
  useRevision = `use InjectionMode.revision('<revision or tag>') ` +
    `(InjectionMode.revision('default', { external: true }) for a default revision installed elsewhere)`,
): string | undefined {
  const known = appRevisions(scope);
  if (known.length === 0 || known.includes(DEFAULT_REVISION) || tagOf(scope, DEFAULT_REVISION)) return undefined;
  return (
    `${what}, which only the default revision serves, but this app has no Istiod without revision and no ` +
    `RevisionTag 'default' (istiod revisions in this app: ${known.join(', ')}): add new RevisionTag(scope, id, ` +
    `{ name: 'default', revision: <Istiod> }), or ${useRevision}`
  );
}

/** The revision choice of a proxy that istiod deploys or injects: a Waypoint, a gateway chart's pods. */
export interface ProxyRevision {
  /** Names the proxy at the start of a message, e.g. `waypoint shop/waypoint`. */
  readonly what: string;
  /** The namespace the proxy runs in. */
  readonly namespace: string;
  /** The revision (or tag) asked for; undefined for the default. */
  readonly revision: string | undefined;
  /** The user's `externalRevision`, unchecked (plain JavaScript callers). */
  readonly external: unknown;
  /** The construct's class name, for the fixes, e.g. `Waypoint`. */
  readonly construct: string;
  /** How the user names a revision for this proxy, e.g. `revision: 'canary'`. */
  readonly revisionProp: (revision: string) => string;
}

/**
 * Problems of a proxy's revision: `external` not a boolean, or (unless external, or the app has no Istiod at all) no
 * Istiod or RevisionTag of the app serving it. Without a revision, istio takes the namespace's `istio.io/rev` label (waypoints: the deployment
 * controller; gateway pods: the namespace's webhook), else the default revision; a namespace with an injecting mode is
 * checked by its MeshNamespace, so the proxy reports nothing for it.
 */
export function proxyRevisionErrors(scope: IConstruct, proxy: ProxyRevision): string[] {
  const { external, revision } = proxy;
  if (external !== undefined && typeof external !== 'boolean') {
    return [`externalRevision must be true or false, got ${describeValue(external)}`];
  }
  if (external) return [];
  const call = (props: string) => `new ${proxy.construct}(scope, id, { ${props} })`;
  if (revision === undefined) {
    const namespace = findInApp(scope, isMeshNamespace).find((n) => n.name === proxy.namespace);
    if (namespace?.injection?.injectingRevision !== undefined) return [];
    const useRevision =
      `give it a revision: ${call(proxy.revisionProp('<revision or tag>'))} ` +
      `(${call('externalRevision: true')} for a default revision installed elsewhere)`;
    const error = missingDefaultRevisionError(scope, `${proxy.what} names no revision`, useRevision);
    return error ? [error] : [];
  }
  // Gateways and waypoints are often an app of their own: with no Istiod in the app at all, the control plane is
  // installed elsewhere and a named revision is not judged (MeshNamespace, part of the mesh's own app, still is).
  if (appRevisions(scope).length === 0) return [];
  const missing = missingRevisionError(scope, revision, call(`${proxy.revisionProp(revision)}, externalRevision: true`));
  return missing ? [`${proxy.what}: ${missing}`] : [];
}

/** A MeshNamespace, by its brand: mesh-namespace.ts imports this file, so it cannot be imported here. */
function isMeshNamespace(c: IConstruct): c is IConstruct & { readonly name: string; readonly injection?: InjectionMode } {
  return hasBrand(c, 'MeshNamespace');
}
