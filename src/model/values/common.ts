/** A Kubernetes quantity: a string such as '500m' or '2Gi', or a plain number. */
export type Quantity = string | number;

/** Requests and limits of one container, as in a Pod spec. */
export interface ResourceRequirements {
  readonly requests?: { readonly cpu?: Quantity; readonly memory?: Quantity; readonly [name: string]: Quantity | undefined };
  readonly limits?: { readonly cpu?: Quantity; readonly memory?: Quantity; readonly [name: string]: Quantity | undefined };
}

/** A pod toleration, as in a Pod spec. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}

/** A label selector (matchLabels / matchExpressions), as used by the injector's never/always lists. */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values?: readonly string[];
  }>;
}

/** Any chart value not covered by the typed interfaces: plain JSON data. */
export type ExtraValues = Record<string, unknown>;

/** A plain object (not an array, not null): the branches of a values tree. */
export function isValuesObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
