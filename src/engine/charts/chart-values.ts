// Which value paths a chart reads, so values written for one Istio release are not sent silently to a chart of
// another that ignores them (helm drops unknown keys without a word). Helm has no such check (a values schema would
// be one, but Istio's charts ship none), so this reads what the chart itself declares: its values.yaml tree and the
// `.Values.<path>` references of its templates.
import { parse } from 'yaml';
import { isRecord } from '../k8s/object';
import { readChartTexts } from './chart-files';
import { type ResolvedChart } from './resolved-chart';

/** What a chart reads. */
export interface ChartValueKeys {
  /** values.yaml, with Istio's `_internal_defaults_do_not_set` wrapper merged into the top level. */
  readonly tree: Record<string, unknown>;
  /** Dotted paths its templates and files name after `.Values.` (e.g. `base.validationFailurePolicy`). */
  readonly referenced: ReadonlySet<string>;
}

/** Istio's charts keep their defaults under this key and merge them in a template (zzz_profile.yaml). */
const WRAPPED_DEFAULTS = '_internal_defaults_do_not_set';

/** `.Values.a.b`, also through Istio's `(.Values.a).b` idiom for a map that may be missing. */
const VALUES_REFERENCE = /\.Values((?:\)?\.[A-Za-z_][A-Za-z0-9_]*)+)/g;

const memo = new Map<string, ChartValueKeys>();

/** The value paths `chart` reads, read once per chart digest. */
export function chartValueKeys(chart: ResolvedChart): ChartValueKeys {
  let keys = memo.get(chart.digest);
  if (!keys) memo.set(chart.digest, (keys = readValueKeys(chart.path)));
  return keys;
}

function readValueKeys(chartPath: string): ChartValueKeys {
  let valuesText = '';
  const referenced = new Set<string>();
  const take = (rel: string, text: string): void => {
    if (rel === 'values.yaml') valuesText = text;
    else for (const m of text.matchAll(VALUES_REFERENCE)) referenced.add(m[1].replace(/\)/g, '').slice(1));
  };
  readChartTexts(chartPath, wanted, take);
  const parsed: unknown = parse(valuesText);
  const values = isRecord(parsed) ? parsed : {};
  const { [WRAPPED_DEFAULTS]: wrapped, ...rest } = values;
  return { tree: { ...(isRecord(wrapped) ? wrapped : {}), ...rest }, referenced };
}

/** values.yaml, the templates, and files/ (Istio's injection templates there read the values at run time). */
function wanted(rel: string): boolean {
  return rel === 'values.yaml' || rel.startsWith('templates/') || rel.startsWith('files/');
}

/**
 * Maps of any keys in Istio's charts (values.yaml shows an example or the defaults, not every key): below them,
 * every key is read.
 */
const FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  'meshConfig',
  'defaultConfig',
  'resources',
  'affinity',
  'env',
  'labels',
  'annotations',
]);

/**
 * The leaf paths of `values` (dotted) that the chart does not read. A path is read when values.yaml holds it, or
 * holds a prefix of it as a value that is not a map with keys (a scalar, a list, `{}`) or as one of the free-form
 * maps (FREE_FORM_KEYS); or when its templates name it or a prefix of it that values.yaml does not list keys of.
 */
export function unreadValuePaths(keys: ChartValueKeys, values: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (value: unknown, at: readonly string[], tree: unknown): void => {
    if (value === undefined) return;
    const dotted = at.join('.');
    if (at.length > 0) {
      const mapWithKeys = isRecord(tree) && Object.keys(tree).length > 0;
      // A template reading a whole map that values.yaml lists the keys of does not make every key valid.
      if (keys.referenced.has(dotted) && !mapWithKeys) return;
      if (tree !== undefined && (!mapWithKeys || FREE_FORM_KEYS.has(at[at.length - 1]))) return;
      if (tree === undefined && !referencedBelow(keys, dotted)) {
        out.push(dotted);
        return;
      }
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      visit(child, [...at, key], isRecord(tree) && Object.hasOwn(tree, key) ? tree[key] : undefined);
    }
  };
  visit(values, [], keys.tree);
  return out;
}

/** Whether a template names a path under `dotted` (so `dotted` is a map the chart reads keys of). */
function referencedBelow(keys: ChartValueKeys, dotted: string): boolean {
  for (const r of keys.referenced) if (r.startsWith(`${dotted}.`)) return true;
  return false;
}
