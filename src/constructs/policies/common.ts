import { Chart } from 'cdk8s';
import { type Construct } from 'constructs';
import type { WorkloadSelectorSpec } from '../../model/traffic/security';

/** Shared by the traffic, security and telemetry constructs: namespaces, selectors, number ranges. */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The namespace an object lands in: the given one, else the chart's (undefined: whatever `kubectl -n` says). */
export function namespaceOf(scope: Construct, namespace: string | undefined): string | undefined {
  return namespace ?? Chart.of(scope).namespace;
}

/** The first DNS label of a host ("reviews" of "reviews.shop.svc.cluster.local"), when it makes a valid name. */
export function nameFromHost(host: string | undefined): string | undefined {
  const first = host?.split('.')[0];
  return first && DNS_LABEL.test(first) ? first : undefined;
}

export function selectorSpec(labels: Record<string, string> | undefined): { selector?: WorkloadSelectorSpec } {
  return labels ? { selector: { matchLabels: { ...labels } } } : {};
}

/** Istio rejects empty and wildcard label keys in a workload selector; an empty selector selects everything. */
export function selectorProblems(labels: Record<string, string> | undefined): string[] {
  if (!labels) return [];
  const keys = Object.keys(labels);
  if (keys.length === 0)
    return ['selector {} is empty and would select every workload: omit `selector` to mean the whole namespace, or give labels'];
  return keys
    .filter((k) => k === '' || k.includes('*'))
    .map((k) => `selector label key '${k}' is not allowed: keys must be non-empty and without '*'; name an exact label such as 'app'`);
}

/** A problem when `value` is not an integer in [min, max]. */
export function integerProblem(what: string, value: number | undefined, min: number, max = 4294967295): string | undefined {
  if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return undefined;
  return `${what} ${value} is out of range: use a whole number from ${min} to ${max}`;
}

/** A problem when a percentage is outside 0-100. */
export function percentProblem(what: string, value: number | undefined): string | undefined {
  if (value === undefined || (Number.isFinite(value) && value >= 0 && value <= 100)) return undefined;
  return `${what} ${value} is out of range: use a percentage from 0 to 100`;
}

export function portProblem(what: string, port: number | undefined): string | undefined {
  if (port === undefined || (Number.isInteger(port) && port >= 1 && port <= 65535)) return undefined;
  return `${what} ${port} is out of range: use a port number from 1 to 65535`;
}

export function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}
