import { isValuesObject } from './common';

/** One type rule for the value at a dotted path: `accepts` it or not, and what to tell the user. */
export interface ValueRule {
  readonly path: string;
  readonly accepts: (value: unknown) => boolean;
  /** What is allowed, e.g. 'an integer >= 0'. */
  readonly expected: string;
  /** How to fix it, e.g. "set a whole number such as 2". */
  readonly fix: string;
}

/**
 * Applies rules to a values tree; unset values pass (the chart's defaults apply). A value that replaces a map
 * holding a ruled path (`extraValues: { global: 1 }`) is an error too: the chart would read nothing from it and
 * render broken objects (an image `/proxyv2:`) without failing. A null is left alone: helm reads it as "unset".
 */
export function checkValues(values: Record<string, unknown>, rules: readonly ValueRule[], prefix = 'values'): string[] {
  const errors: string[] = [];
  const replacedMaps = new Set<string>();
  for (const rule of rules) {
    const keys = rule.path.split('.');
    for (let depth = 1; depth < keys.length; depth++) {
      const parent = keys.slice(0, depth).join('.');
      const value = lookup(values, parent);
      if (value === undefined || value === null || isValuesObject(value) || replacedMaps.has(parent)) continue;
      replacedMaps.add(parent);
      errors.push(
        `${prefix}.${parent} is ${showValue(value)}: must be a map (the chart reads ${prefix}.${rule.path} from it); ` +
          `give a map (e.g. { ${keys[depth]}: ... }) or leave it out`,
      );
    }
    const value = lookup(values, rule.path);
    if (value === undefined || rule.accepts(value)) continue;
    errors.push(`${prefix}.${rule.path} is ${showValue(value)}: must be ${rule.expected}; ${rule.fix}`);
  }
  return errors;
}

function lookup(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (!isValuesObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A value for a message: as JSON, cut to 80 characters. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
export const isString = (v: unknown): boolean => typeof v === 'string';
export const isIntegerAtLeast =
  (min: number) =>
  (v: unknown): boolean =>
    Number.isInteger(v) && (v as number) >= min;
export const isNumberBetween =
  (min: number, max: number) =>
  (v: unknown): boolean =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
export const isOneOf =
  (allowed: readonly string[]) =>
  (v: unknown): boolean =>
    typeof v === 'string' && allowed.includes(v);
export const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
export const isStringMap = (v: unknown): boolean => isValuesObject(v) && Object.values(v).every((x) => typeof x === 'string');
export const isObject = (v: unknown): boolean => isValuesObject(v);
export const isObjectArray = (v: unknown): boolean => Array.isArray(v) && v.every(isValuesObject);

/** A revision or revision tag: it ends up in object names, so a DNS label (lowercase, digits, '-'). */
export const isRevisionName = (v: unknown): boolean => typeof v === 'string' && /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$/.test(v);

/** An image registry path without scheme, tag or trailing slash: 'docker.io/istio', 'localhost:5000/istio'. */
export const isImageHub = (v: unknown): boolean =>
  typeof v === 'string' && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/.test(v);

/** An image tag as the registry grammar allows it. */
export const isImageTag = (v: unknown): boolean => typeof v === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(v);

const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** `{ requests?, limits? }` whose entries are Kubernetes quantities. */
export const isResources = (v: unknown): boolean =>
  isValuesObject(v) &&
  Object.entries(v).every(
    ([key, list]) =>
      (key === 'requests' || key === 'limits') &&
      isValuesObject(list) &&
      Object.values(list).every((q) => (typeof q === 'number' && q >= 0) || (typeof q === 'string' && QUANTITY.test(q))),
  );

const CIDR4 = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const CIDR6 = /^[0-9a-fA-F:]+\/\d{1,3}$/;

/** '*' or a comma-separated list of CIDRs (may be empty). */
export const isCidrList =
  (allowStar: boolean) =>
  (v: unknown): boolean => {
    if (typeof v !== 'string') return false;
    if (v.trim() === '' || (allowStar && v.trim() === '*')) return true;
    return v.split(',').every((c) => CIDR4.test(c.trim()) || CIDR6.test(c.trim()));
  };

/** '*' or a comma-separated list of ports 1-65535 (may be empty). */
export const isPortList = (v: unknown): boolean =>
  typeof v === 'string' &&
  (v.trim() === '' || v.trim() === '*' || v.split(',').every((p) => /^\d+$/.test(p.trim()) && +p > 0 && +p < 65536));
