/**
 * Gateway API CRDs of the input and the bundle versions Istio 1.30.3 needs (facts from its minimum-version table):
 * istiod ignores a CRD below its minimum, or without a readable `gateway.networking.k8s.io/bundle-version`.
 * Versions are compared here by hand: three numbers and a pre-release to drop need no semver library.
 */
import { BUNDLE_VERSION_ANNOTATION } from '../../../gateway-api/crd-bundle';
import { apiGroup } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';

/** Minimum bundle version per CRD name (major, minor, patch). */
const MINIMUM_BUNDLE_VERSIONS: ReadonlyMap<string, readonly [number, number, number]> = new Map([
  ['grpcroutes.gateway.networking.k8s.io', [1, 1, 0]],
  ['backendtlspolicies.gateway.networking.k8s.io', [1, 4, 0]],
  ['tlsroutes.gateway.networking.k8s.io', [1, 5, 0]],
]);

export interface VersionedCrd {
  readonly entry: SourcedObject;
  readonly name: string;
  readonly minimum: readonly [number, number, number];
  /** The annotation as written; undefined when absent. */
  readonly bundleVersion?: string;
  /** The version with any pre-release dropped (Istio rounds v1.5.0-rc.1 up to 1.5.0); undefined when unreadable. */
  readonly version?: readonly [number, number, number];
}

/** Every CRD of the input that Istio checks against a minimum bundle version. */
export function versionedCrds(index: ObjectIndex): VersionedCrd[] {
  return index.byKind('CustomResourceDefinition').flatMap((entry) => {
    const name = entry.object.metadata.name ?? '';
    const minimum = MINIMUM_BUNDLE_VERSIONS.get(name);
    if (!minimum || apiGroup(entry.object.apiVersion) !== 'apiextensions.k8s.io') return [];
    const bundleVersion = entry.object.metadata.annotations?.[BUNDLE_VERSION_ANNOTATION];
    const version = bundleVersion === undefined ? undefined : parseVersion(bundleVersion);
    return [{ entry, name, minimum, ...(bundleVersion !== undefined ? { bundleVersion } : {}), ...(version ? { version } : {}) }];
  });
}

/** `v1.4.1`, `1.4`, `v1.5.0-rc.1+build`: the loose semantic versions Istio accepts; missing parts are 0. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

export function isBelow(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] < minimum[i];
  return false;
}

export function formatVersion(version: readonly number[]): string {
  return `v${version.join('.')}`;
}
