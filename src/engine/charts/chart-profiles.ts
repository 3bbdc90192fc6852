// The settings files Istio's charts layer under the user's values for the selected profile, compatibility version and
// platform (files/profile-<name>.yaml, files/profile-compatibility-version-<v>.yaml, files/profile-platform-<name>.yaml,
// in that order, as the chart's zzz_profile.yaml picks them). Read from the resolved chart itself, so what they set is
// known for every release without a table of our own.
import { parse } from 'yaml';
import { isValuesObject } from '../../model/values/common';
import { type ProfileLayer } from '../../model/values/cni-precedence';
import { platformOf, profileOf } from '../../model/values/platform';
import { readChartTexts } from './chart-files';
import { type ResolvedChart } from './resolved-chart';

const memo = new Map<string, ReadonlyMap<string, Record<string, unknown>>>();

/** files/profile-*.yaml of `chart` by file name (without folder and extension), parsed; read once per digest. */
export function chartProfileFiles(chart: ResolvedChart): ReadonlyMap<string, Record<string, unknown>> {
  let files = memo.get(chart.digest);
  if (!files) memo.set(chart.digest, (files = readProfileFiles(chart.path)));
  return files;
}

function readProfileFiles(chartPath: string): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  const wanted = (rel: string): boolean => /^files\/profile-[^/]+\.yaml$/.test(rel);
  readChartTexts(chartPath, wanted, (rel, text) => {
    // A file that does not parse makes helm fail on the same selection, which the render reports.
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch {
      return;
    }
    files.set(rel.slice('files/'.length, -'.yaml'.length), isValuesObject(parsed) ? parsed : {});
  });
  return files;
}

/**
 * The settings layers `chart` applies for `values` (the full values given to helm), in the chart's order: the
 * profile (`profile`, else `global.profile`), the compatibility version, the platform (`platform`, else
 * `global.platform`). A selection without a file is left out (helm fails on it, and the render reports that).
 */
export function selectedProfileLayers(chart: ResolvedChart, values: Record<string, unknown>): ProfileLayer[] {
  const files = chartProfileFiles(chart);
  const compatibility = values.compatibilityVersion;
  const selected: Array<[string, string | undefined]> = [
    ['profile', profileOf(values)],
    ['compatibilityVersion', typeof compatibility === 'string' && compatibility !== '' ? compatibility : undefined],
    ['platform', platformOf(values)],
  ];
  const out: ProfileLayer[] = [];
  for (const [kind, name] of selected) {
    if (name === undefined) continue;
    const file =
      kind === 'profile' ? `profile-${name}` : kind === 'platform' ? `profile-platform-${name}` : `profile-compatibility-version-${name}`;
    const settings = files.get(file);
    if (settings) out.push({ label: `${kind} '${name}'`, settings });
  }
  return out;
}
