/** The settings one injection run uses: the values tree the templates read, the mesh config, revision. */
import { chartValueDefaults, PINNED_HUB, PINNED_TAG } from '../../model/injection/chart-values';
import { meshConfigDefaults } from '../../model/injection/mesh-config';
import { meshOverlayFromValues } from './mesh-from-values';
import { setPath } from './set-path';
import { mergeMessage, mergeValues, type Tree } from './tree';

/**
 * Treat a settings object as immutable: what injection derives from it (image, parsed templates...) is
 * computed on first use and cached per object. Build a new one to change anything.
 */
export interface InjectionSettings {
  /** The values tree the templates see as `.Values` (chart defaults merged with overrides). */
  readonly values: Record<string, unknown>;
  /** MeshConfig (defaults merged with overrides), JSON field names. */
  readonly meshConfig: Record<string, unknown>;
  /** Control-plane revision; undefined or '' means the default revision. */
  readonly revision?: string;
  /** Whether istio-proxy runs as a native sidecar (init container with restartPolicy Always). */
  readonly nativeSidecars: boolean;
}

export interface InjectionOverrides {
  /** Values trees deep-merged in order over the chart defaults; lists replace, null deletes a key. */
  readonly values?: readonly Record<string, unknown>[];
  /** `path=value` entries applied in order after `values`. */
  readonly set?: readonly string[];
  /** MeshConfig overlay: objects merge, lists and scalars replace. */
  readonly meshConfig?: Record<string, unknown>;
  readonly revision?: string;
  /** @default true */
  readonly nativeSidecars?: boolean;
  /** true (default): proxy image docker.io/istio/proxyv2:1.30.3; false: the chart's own hub and tag. */
  readonly pinned?: boolean;
}

/** Chart defaults + overrides, in the order Istio applies them. The result is a fresh tree. */
export function buildInjectionSettings(overrides: InjectionOverrides = {}): InjectionSettings {
  const values = chartValueDefaults();
  if (overrides.pinned !== false) {
    const global = values.global as Tree;
    global.hub = PINNED_HUB;
    global.tag = PINNED_TAG;
  }
  for (const layer of overrides.values ?? []) mergeValues(values, layer);
  for (const entry of overrides.set ?? []) setPath(values, entry);
  if (overrides.revision !== undefined) values.revision = overrides.revision;
  // The chart renders part of the mesh config from the values (discovery address, mesh ID, tracer, meshConfig).
  const meshConfig = mergeMessage(meshConfigDefaults(), meshOverlayFromValues(values));
  mergeMessage(meshConfig, overrides.meshConfig ?? {});
  return {
    values,
    meshConfig,
    revision: overrides.revision || (typeof values.revision === 'string' && values.revision) || undefined,
    nativeSidecars: overrides.nativeSidecars ?? true,
  };
}
