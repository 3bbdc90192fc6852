import { type IConstruct } from 'constructs';
import { meshAppOf } from '../../core/output-plan';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The output folder as a repository path: no leading './', no trailing '/', '.' for the root. */
export function repositoryPath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

/** Errors for the MeshApp a GitOps construct needs; `needsStages` when it only works with stage folders. */
export function meshAppErrors(scope: IConstruct, what: string, needsStages: boolean): string[] {
  const root = meshAppOf(scope);
  if (!root) return [`${what} need a MeshApp as the root: only MeshApp plans the stages they deploy`];
  if (needsStages && root.layout.kind !== 'stage-folders') {
    return [`${what} deploy one stage folder each: use layout: OutputLayout.stageFolders() on the MeshApp`];
  }
  return [];
}

/** Errors for a repository path that is absolute or leaves the repository. */
export function pathErrors(path: string): string[] {
  return path.startsWith('/') || path.split('/').includes('..')
    ? [`path '${path}' must be relative to the repository root and stay inside it, e.g. 'dist'`]
    : [];
}

/** Errors for fields that must be DNS labels (names and namespaces). */
export function dnsLabelErrors(fields: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && (!DNS_LABEL.test(value) || value.length > 63))
    .map(([field, value]) => `${field} '${value}' is not a DNS label: use lower-case letters, digits and '-', at most 63 characters`);
}
