/** The settings one injection run uses: the values tree the templates read, the mesh config, revision. */
import { UserError } from '../../errors';
import { isRecord } from '../k8s/object';
import { chartValueDefaults, PINNED_HUB, PINNED_TAG } from '../../model/injection/chart-values';
import { meshConfigDefaults } from '../../model/injection/mesh-config';
import { meshOverlayFromValues } from './mesh-from-values';
import { mapReplaced, setPath } from './set-path';
import { mergeMessage, mergeValues, type Tree } from './tree';
import { proxyConfigProblems } from './validate-annotations';

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
  /**
   * How error messages name the inputs, e.g. the CLI's `--values a.yaml` and `--mesh-config mesh.yaml`.
   * @default - `values[<i>]` and `meshConfig`
   */
  readonly sources?: { readonly values?: readonly string[]; readonly meshConfig?: string };
}

/** A `set` entry that cannot be applied: a bad command-line argument, where a bad values file is bad input. */
export class SetEntryError extends UserError {}

/**
 * Chart defaults + overrides, in the order Istio applies them. The result is a fresh tree.
 * Throws a UserError naming the input and the field when an input would replace a map of settings with a
 * scalar, or sets a mesh `defaultConfig` field the injector rejects in the `proxy.istio.io/config` annotation.
 */
export function buildInjectionSettings(overrides: InjectionOverrides = {}): InjectionSettings {
  const values = chartValueDefaults();
  if (overrides.pinned !== false) {
    const global = values.global as Tree;
    global.hub = PINNED_HUB;
    global.tag = PINNED_TAG;
  }
  for (const [i, layer] of (overrides.values ?? []).entries()) {
    const source = overrides.sources?.values?.[i] ?? `values[${i}]`;
    const replaced = replacedMap(values, layer);
    if (replaced) throw mapReplaced(source, replaced.path, replaced.value);
    checkProxyConfig(isRecord(layer.meshConfig) ? layer.meshConfig.defaultConfig : undefined, source, 'meshConfig.defaultConfig');
    mergeValues(values, layer);
  }
  for (const entry of overrides.set ?? []) {
    try {
      setPath(values, entry);
      if (entry.startsWith('meshConfig.defaultConfig')) {
        checkProxyConfig((values.meshConfig as Tree).defaultConfig, `--set "${entry}"`, 'meshConfig.defaultConfig');
      }
    } catch (error) {
      throw error instanceof UserError ? new SetEntryError(error.message) : error;
    }
  }
  if (overrides.revision !== undefined) values.revision = overrides.revision;
  const meshOverlay = overrides.meshConfig ?? {};
  checkProxyConfig(meshOverlay.defaultConfig, overrides.sources?.meshConfig ?? 'meshConfig', 'defaultConfig');
  // The chart renders part of the mesh config from the values (discovery address, mesh ID, tracer, meshConfig).
  const meshConfig = mergeMessage(meshConfigDefaults(), meshOverlayFromValues(values));
  mergeMessage(meshConfig, meshOverlay);
  return {
    values,
    meshConfig,
    revision: overrides.revision || (typeof values.revision === 'string' && values.revision) || undefined,
    nativeSidecars: overrides.nativeSidecars ?? true,
  };
}

/**
 * The proxy config a mesh config input sets (`field` says where it sits) gets the checks of the pod annotation,
 * so a bad value fails here, naming the input, instead of in every pod.
 */
function checkProxyConfig(config: unknown, source: string, field: string): void {
  if (config === undefined || config === null) return;
  if (!isRecord(config))
    throw new UserError(`${source}: ${field} must be a map of ProxyConfig fields, e.g. {holdApplicationUntilProxyStarts: true}`);
  const problems = proxyConfigProblems(config);
  if (problems.length > 0) throw new UserError(`${source}: ${problems.map((p) => `${field}.${p}`).join('; ')}`);
}

/** The first place where `layer` would replace a map of `base` with something else than a map (null removes). */
function replacedMap(base: Tree, layer: Tree, prefix = ''): { path: string; value: unknown } | undefined {
  for (const [key, value] of Object.entries(layer)) {
    const current = base[key];
    if (!isRecord(current) || value === null) continue;
    const path = `${prefix}${key}`;
    if (!isRecord(value)) return { path, value };
    const inner = replacedMap(current, value, `${path}.`);
    if (inner) return inner;
  }
  return undefined;
}
