import { isValuesObject } from './common';

/**
 * Merges value trees the way helm layers values files: objects merge key by key, everything else
 * (arrays included) is replaced by the later layer. `undefined` leaves the earlier value alone.
 * Inputs are never mutated.
 */
export function mergeValues(...layers: ReadonlyArray<Record<string, unknown> | undefined>): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer) out = mergeTwo(out, layer);
  }
  return out;
}

function mergeTwo(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const previous = out[key];
    out[key] = isValuesObject(previous) && isValuesObject(value) ? mergeTwo(previous, value) : copy(value);
  }
  return out;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isValuesObject(value)) return mergeTwo({}, value);
  return value;
}
