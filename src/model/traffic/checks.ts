/**
 * Checks on plain VirtualService routes, shared by the constructs (synth-time errors)
 * and the analysis rules (findings on any YAML). Each returns a message, or undefined when fine.
 */
import { parseDurationMillis } from './duration';
import type { HttpRouteSpec } from './networking';
import { SAFE_RETRY_CONDITIONS } from './traffic-values';

/** Methods whose retry may apply a change twice. */
const NON_IDEMPOTENT_METHODS = new Set(['POST', 'PATCH']);

/** Names a route in messages: its name, else its position. */
export function routeLabel(route: HttpRouteSpec, index: number): string {
  return route.name ? `http route '${route.name}'` : `http route #${index + 1}`;
}

/** Weights of a route with several destinations (or any weight given) must add up to 100. */
export function weightProblem(route: HttpRouteSpec, label: string): string | undefined {
  const destinations = route.route ?? [];
  if (destinations.length === 0) return undefined;
  if (destinations.length === 1 && destinations[0].weight === undefined) return undefined;
  const weights = destinations.map((d) => d.weight ?? 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 100) return undefined;
  return `${label} destination weights sum to ${sum} (${weights.join(' + ')}): they must add up to 100; adjust the weights`;
}

/** Retries whose per-try timeouts add up beyond the route timeout never all get to run. */
export function retryTimeoutProblem(route: HttpRouteSpec, label: string): string | undefined {
  const { retries, timeout } = route;
  if (!retries?.perTryTimeout || !timeout || !(retries.attempts > 0)) return undefined;
  const perTry = parseDurationMillis(retries.perTryTimeout);
  const total = parseDurationMillis(timeout);
  if (perTry === undefined || total === undefined) return undefined;
  if (perTry * retries.attempts <= total) return undefined;
  return (
    `${label} retries ${retries.attempts} x perTryTimeout ${retries.perTryTimeout} = ${perTry * retries.attempts}ms exceed the route timeout ${timeout}: ` +
    'the timeout cuts the retries short; raise the timeout to at least attempts x perTryTimeout, or lower attempts or perTryTimeout'
  );
}

/**
 * Retries of POST/PATCH routes on conditions where the server may already have acted
 * (or on Istio's default conditions, which include 503) can apply a change twice.
 */
export function unsafeRetryProblem(route: HttpRouteSpec, label: string): string | undefined {
  if (!route.retries || !(route.retries.attempts > 0)) return undefined;
  const methods = (route.match ?? [])
    .map((m) => m.method?.exact?.toUpperCase())
    .filter((m): m is string => !!m && NON_IDEMPOTENT_METHODS.has(m));
  if (methods.length === 0) return undefined;
  const conditions =
    route.retries.retryOn
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c) ?? [];
  const unsafe = conditions.filter((c) => !SAFE_RETRY_CONDITIONS.has(c));
  if (conditions.length > 0 && unsafe.length === 0) return undefined;
  const why = conditions.length === 0 ? "retryOn is unset (Istio's defaults include 503)" : `retryOn has ${unsafe.join(', ')}`;
  return (
    `${label} retries ${methods.join('/')} requests and ${why}: a retry may apply the change twice; ` +
    `limit retryOn to ${[...SAFE_RETRY_CONDITIONS].join(',')}, or set attempts to 0`
  );
}
