import { type BaseValues } from './base-values';
import { type ExtraValues } from './common';
import { type IstiodValues } from './istiod-values';
import { mergeValues } from './merge';
import { DEFAULT_HUB, DEFAULT_NAMESPACE, ISTIO_VERSION } from './version';

/** What the constructs feed into the value builders. */
export interface ValuesInput<T> {
  /** Namespace the chart is rendered into; becomes `global.istioNamespace` (when not the default) unless the values say otherwise. */
  readonly namespace: string;
  readonly values?: T;
  /** Untyped values, deep-merged last (arrays replace). */
  readonly extraValues?: ExtraValues;
}

/**
 * Values handed to helm for the base chart: our pinned defaults, then the typed values, then extraValues.
 * Only keys we set appear; the chart's own defaults fill the rest inside helm.
 */
export function baseHelmValues(input: ValuesInput<BaseValues>): Record<string, unknown> {
  return mergeValues({ global: namespaceValue(input.namespace) }, toTree(input.values), input.extraValues);
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
  return mergeValues(pinned, toTree(input.values), input.extraValues);
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
