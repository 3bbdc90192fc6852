// How a revision tag named `default` moves base's default validator (IstioBase `values.defaultRevision`).
// IstioBase and RevisionTag both render at construction and may be constructed in either order, so whichever comes
// second settles it: IstioBase reads the app's `default` tag before it renders; a `default` tag constructed later
// asks every IstioBase of the app to render again (IstioBase.followDefaultTag). RevisionTag is found by its brand,
// not imported, because revision-tag.ts imports istio-base.ts.
import { type IConstruct } from 'constructs';
import { findInApp } from '../../core/app-index';
import { hasBrand } from '../../model/brand';

/** The tag whose webhook also serves the default revision's selectors (`istio-injection=enabled`). */
export const DEFAULT_TAG = 'default';

/** What IstioBase reads of a RevisionTag. */
export interface IRevisionTagTarget extends IConstruct {
  /** The tag name. */
  readonly name: string;
  /** The revision the tag points at (`default` for an Istiod without revision). */
  readonly revision: string;
}

/** Whether `x` is a RevisionTag, of any copy of this library (a stable guard: findInApp memoizes by it). */
export function isRevisionTag(x: unknown): x is IRevisionTagTarget {
  return hasBrand(x, 'RevisionTag');
}

/** The first RevisionTag named `default` in the app of `scope`, in construct order. */
export function defaultTagOf(scope: IConstruct): IRevisionTagTarget | undefined {
  return findInApp(scope, isRevisionTag).find((t) => t.name === DEFAULT_TAG);
}

/** `values` with `defaultRevision` set to the tag's revision, unless the values set it themselves. */
export function withDefaultTag(values: Record<string, unknown>, tag: IRevisionTagTarget | undefined): Record<string, unknown> {
  if (!tag || values.defaultRevision !== undefined) return values;
  return { ...values, defaultRevision: tag.revision };
}

/** The error when base's explicit `defaultRevision` disagrees with the `default` tag, or undefined. */
export function defaultTagConflict(explicit: unknown, tag: IRevisionTagTarget | undefined): string | undefined {
  if (!tag || explicit === undefined || explicit === tag.revision) return undefined;
  return (
    `values.defaultRevision ${JSON.stringify(explicit)} conflicts with the revision tag 'default' at ${tag.node.path}, ` +
    `which points base's default validator at revision '${tag.revision}': remove defaultRevision (the tag sets it) ` +
    'or point the tag at that revision'
  );
}
