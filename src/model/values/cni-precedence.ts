// The istio-cni chart's precedence, which differs from every other chart's: it layers defaults, then the selected
// profile, compatibility-version and platform files, then the user's values, and afterwards copies everything under
// `cni` over the top level. So a setting those files make under `cni.` beats the user's top-level value, while the
// user's own `cni.` beats both. This finds the top-level values that are lost that way, to warn about them.
import { showValue } from './checks';
import { isValuesObject } from './common';
import { mergeValues } from './merge';

/** One settings file a chart applies for a selection (see selectedProfileLayers in the engine). */
export interface ProfileLayer {
  /** What selected it, for messages: "profile 'ambient'", "platform 'k3s'", "compatibilityVersion '1.28'". */
  readonly label: string;
  /** The file's settings, as parsed. */
  readonly settings: Record<string, unknown>;
}

/** A user's top-level value the chart replaces by a profile file's `cni.` setting. */
export interface DroppedCniValue {
  /** Dotted path at the top level (and under `cni.`). */
  readonly path: string;
  readonly value: unknown;
  /** What the chart uses instead. */
  readonly winner: unknown;
  /** The last layer that sets it. */
  readonly by: string;
}

/**
 * The values of `user` (a user's top-level values, `cni` aside) that the chart drops because a layer sets the same
 * path under `cni.`, unless `ownCni` (everything under `cni` given to helm) sets that path itself: then it wins
 * anyway, as the user asked. A value equal to the layer's is not dropped in effect and is left out.
 */
export function droppedCniValues(
  user: Record<string, unknown>,
  layers: readonly ProfileLayer[],
  ownCni: Record<string, unknown> | undefined,
): DroppedCniValue[] {
  const cniOf = (layer: ProfileLayer): Record<string, unknown> | undefined =>
    isValuesObject(layer.settings.cni) ? layer.settings.cni : undefined;
  const merged = mergeValues(...layers.map(cniOf));
  const out: DroppedCniValue[] = [];
  const visit = (value: unknown, winner: unknown, own: unknown, at: readonly string[]): void => {
    if (winner === undefined || own !== undefined) return;
    if (isValuesObject(value) && isValuesObject(winner)) {
      for (const [key, child] of Object.entries(value)) {
        visit(child, winner[key], isValuesObject(own) ? own[key] : undefined, [...at, key]);
      }
      return;
    }
    if (value === undefined || sameValue(value, winner)) return;
    out.push({ path: at.join('.'), value, winner, by: lastSetting(layers.map(cniOf), at, layers) });
  };
  for (const [key, value] of Object.entries(user)) {
    if (key !== 'cni') visit(value, merged[key], ownCni?.[key], [key]);
  }
  return out;
}

/** One warning line for `dropped`, naming `where` the user wrote it ('values' or 'extraValues') and `chart`. */
export function droppedCniValueWarning(dropped: DroppedCniValue, where: string, chart: string): string {
  return (
    `${where}.${dropped.path} (${showValue(dropped.value)}) is dropped by ${chart}: the ${dropped.by} settings set ` +
    `cni.${dropped.path} to ${showValue(dropped.winner)}, and the chart copies cni.* over the top level last; ` +
    `set it as ${where}.cni.${dropped.path} to have yours win`
  );
}

/** The label of the last layer whose `cni` settings set `path` (the one to look at). */
function lastSetting(cnis: readonly unknown[], path: readonly string[], layers: readonly ProfileLayer[]): string {
  let label = '';
  cnis.forEach((cni, i) => {
    if (valueAt(cni, path) !== undefined) label = layers[i].label;
  });
  return label;
}

/** The value at `path` in `tree`, or a scalar above it (which replaces the whole branch when merged). */
function valueAt(tree: unknown, path: readonly string[]): unknown {
  let current = tree;
  for (const key of path) {
    if (!isValuesObject(current)) return current;
    current = current[key];
  }
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
