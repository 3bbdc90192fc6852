import { type BaseValues } from './base-values';
import { type CniValues } from './cni-values';
import { type ExtraValues, isValuesObject } from './common';
import { type IstiodValues } from './istiod-values';
import { mergeValues } from './merge';
import { GKE_CNI_BIN_DIR, platformOf } from './platform';
import { type ZtunnelValues } from './ztunnel-values';
import { DEFAULT_HUB, DEFAULT_NAMESPACE, ISTIO_VERSION } from './version';

/** What the constructs feed into the value builders. */
export interface ValuesInput<T> {
  /** Namespace the chart is rendered into; becomes `global.istioNamespace` (when not the default) unless the values say otherwise. */
  readonly namespace: string;
  readonly values?: T;
  /** Untyped values, deep-merged last (arrays replace). */
  readonly extraValues?: ExtraValues;
  /** Defaults the app decides for every chart (the MeshApp's profile and platform, ...), merged before `values`. */
  readonly appDefaults?: Record<string, unknown>;
}

/**
 * Values handed to helm for the base chart: our pinned defaults, then the typed values, then extraValues.
 * Only keys we set appear; the chart's own defaults fill the rest inside helm.
 */
export function baseHelmValues(input: ValuesInput<BaseValues>): Record<string, unknown> {
  return mergeValues({ global: namespaceValue(input.namespace) }, input.appDefaults, toTree(input.values), input.extraValues);
}

export interface IstiodPins {
  /** Revision from the construct's flat prop. */
  readonly revision?: string;
  /** Chart version; the image tag follows it. @default ISTIO_VERSION */
  readonly version?: string;
}

/**
 * Values handed to helm for the istiod chart. Pins the images to the release this package targets
 * (the chart's own default is a testing registry with tag 'latest').
 */
export function istiodHelmValues(input: ValuesInput<IstiodValues> & IstiodPins): Record<string, unknown> {
  const pinned = {
    ...(input.revision ? { revision: input.revision } : {}),
    global: { hub: DEFAULT_HUB, tag: input.version ?? ISTIO_VERSION, ...namespaceValue(input.namespace) },
  };
  return mergeValues(pinned, input.appDefaults, toTree(input.values), input.extraValues);
}

/** Images of the istio-cni and ztunnel charts: both read `global.hub`/`global.tag` unless their own `hub`/`tag` are set. */
function pinnedImages(version: string | undefined): Record<string, unknown> {
  return { global: { hub: DEFAULT_HUB, tag: version ?? ISTIO_VERSION } };
}

/**
 * Values for the istio-cni chart, given to helm as they are (the chart's own precedence applies; see CniValues). On
 * GKE the chart's platform settings leave `cniBinDir` to a detection that needs the live cluster, and offline it
 * falls back to a path that is wrong there; so unless `cni.cniBinDir` is given, GKE gets GKE's folder under `cni`,
 * where it beats the platform's empty value: what the chart renders on a GKE cluster (a top-level `cniBinDir` is
 * dropped there too, and synth warns about it).
 */
export function cniHelmValues(input: Omit<ValuesInput<CniValues>, 'namespace'> & { readonly version?: string }): Record<string, unknown> {
  const merged = mergeValues(pinnedImages(input.version), input.appDefaults, toTree(input.values), input.extraValues);
  const own = isValuesObject(merged.cni) ? merged.cni : {};
  if (platformOf(merged) !== 'gke' || own.cniBinDir) return merged;
  return mergeValues(merged, { cni: { cniBinDir: GKE_CNI_BIN_DIR } });
}

/**
 * Values for the ztunnel chart. No `istioNamespace` from the construct's namespace: for ztunnel it names where
 * istiod runs, which is usually not where ztunnel runs.
 */
export function ztunnelHelmValues(
  input: Omit<ValuesInput<ZtunnelValues>, 'namespace'> & { readonly version?: string },
): Record<string, unknown> {
  return mergeValues(pinnedImages(input.version), input.appDefaults, toTree(input.values), input.extraValues);
}

/**
 * `istioNamespace` only when it differs from the charts' default: the istiod chart records the values it was
 * given in its `values` ConfigMap, and the output should equal a plain `helm template` where it can.
 */
function namespaceValue(namespace: string): { istioNamespace?: string } {
  return namespace === DEFAULT_NAMESPACE ? {} : { istioNamespace: namespace };
}

function toTree(values: object | undefined): Record<string, unknown> | undefined {
  return values as Record<string, unknown> | undefined;
}
