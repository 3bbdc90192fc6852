// One profile and platform decision per app. MeshApp holds it (`profile`, `platform`); every Istio chart construct
// (IstioBase, Istiod, IstioCni, Ztunnel, and any other that wants it) asks this module at construction time for the
// values to start from and for the contradictions to report. Outside a MeshApp the constructs' own values rule.
import { type IConstruct } from 'constructs';
import { brand, hasBrand } from '../model/brand';
import { type IstioProfileName, ISTIO_PROFILES } from '../model/values/base-values';
import { isValuesObject } from '../model/values/common';
import { ISTIO_PLATFORMS, type IstioPlatform } from '../model/values/platform';
import { meshAppOf } from './output-plan';

/** An Istio chart construct whose values take part in the app's profile and platform decision. */
export interface IMeshChart extends IConstruct {
  /** The chart's published name ('base', 'istiod', 'cni', 'ztunnel', ...). */
  readonly chartName: string;
  /** Namespace the chart is rendered into. */
  readonly namespace: string;
  /** The values given to helm. */
  readonly values: Record<string, unknown>;
}

const MESH_CHART = 'MeshChart';

/** Brands `type` as a chart construct that MeshApp checks for one profile and platform (called once per class). */
export function brandMeshChart(type: { readonly prototype: IMeshChart }): void {
  brand(type, MESH_CHART);
}

/** Whether `c` is a chart construct taking part in the profile decision, whichever copy of this library made it. */
export function isMeshChart(c: IConstruct): c is IMeshChart {
  return hasBrand(c, MESH_CHART);
}

/**
 * The values a chart construct at `scope` starts from: the MeshApp's profile and platform
 * (`{ profile, global: { platform } }`), or undefined outside a MeshApp or when it decides neither.
 * Merge it before the construct's own values, then report `meshProfileConflicts`.
 */
export function meshProfileDefaults(scope: IConstruct): Record<string, unknown> | undefined {
  const app = meshAppOf(scope);
  // An unknown profile or platform is the MeshApp's own error (meshProfileErrors); passing it on would repeat it
  // once per chart.
  const profile = ISTIO_PROFILES.includes(app?.profile as IstioProfileName) ? app?.profile : undefined;
  const platform = ISTIO_PLATFORMS.includes(app?.platform as IstioPlatform) ? app?.platform : undefined;
  if (profile === undefined && platform === undefined) return undefined;
  return {
    ...(profile !== undefined ? { profile } : {}),
    ...(platform !== undefined ? { global: { platform } } : {}),
  };
}

/**
 * One error per place where `values` (a chart's merged values) sets a profile or platform other than the MeshApp's:
 * the app decides once for every chart.
 */
export function meshProfileConflicts(scope: IConstruct, values: Record<string, unknown>): string[] {
  const app = meshAppOf(scope);
  if (!app) return [];
  const global = isValuesObject(values.global) ? values.global : {};
  const errors: string[] = [];
  const check = (decided: string | undefined, prop: string, found: ReadonlyArray<[string, unknown]>): void => {
    if (decided === undefined) return;
    for (const [path, value] of found) {
      if (value === undefined || value === decided) continue;
      errors.push(
        `${path} is ${JSON.stringify(value)} but the MeshApp's ${prop} is '${decided}': the app decides it once for every chart; ` +
          `remove ${path} here, or change the MeshApp's ${prop}`,
      );
    }
  };
  check(app.profile, 'profile', [
    ['values.profile', values.profile],
    ['values.global.profile', global.profile],
  ]);
  check(app.platform, 'platform', [
    ['values.platform', values.platform],
    ['values.global.platform', global.platform],
  ]);
  return errors;
}

/** Errors in a MeshApp's own `profile` and `platform` (from plain JavaScript, or a cast). */
export function meshProfileErrors(profile: unknown, platform: unknown): string[] {
  const errors: string[] = [];
  if (profile !== undefined && !ISTIO_PROFILES.includes(profile as IstioProfileName)) {
    errors.push(`MeshApp profile ${JSON.stringify(profile)} is not a profile the charts ship: use one of ${ISTIO_PROFILES.join(', ')}`);
  }
  if (platform !== undefined && !ISTIO_PLATFORMS.includes(platform as IstioPlatform)) {
    errors.push(
      `MeshApp platform ${JSON.stringify(platform)} is not a platform the charts know: use one of ${ISTIO_PLATFORMS.join(', ')}, ` +
        'or leave it unset for a cluster with standard CNI paths (EKS, AKS and most others)',
    );
  }
  return errors;
}
