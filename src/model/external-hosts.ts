/**
 * The pod-template annotation in which a workload declares the hosts outside the cluster it calls, so a check can
 * tell whether a REGISTRY_ONLY mesh lets it reach them (a ServiceEntry per host).
 */
import { isDns1123Subdomain } from './names';

/** Comma-separated host names, e.g. `api.stripe.com,www.googleapis.com`. */
export const EXTERNAL_HOSTS_ANNOTATION = 'mesh.cdk8s-istio.dev/external-hosts';

/** The hosts of an annotation value (blank entries dropped). */
export function parseExternalHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h);
}

export function formatExternalHosts(hosts: readonly string[]): string {
  return [...new Set(hosts)].sort().join(',');
}

/** A problem when `host` is not a lower-case DNS name (a concrete host a workload calls, not a wildcard or URL). */
export function externalHostProblem(host: string): string | undefined {
  if (isDns1123Subdomain(host)) return undefined;
  return `external host '${host}' is not a host name: give the name the workload calls, e.g. 'api.example.com' (no scheme, port, path or wildcard)`;
}
