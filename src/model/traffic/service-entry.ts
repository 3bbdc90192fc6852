/**
 * Our own types for the `networking.istio.io/v1` ServiceEntry (Istio's JSON field names) and the checks Istio's
 * validation makes, shared by the ServiceEntry construct and any analysis of plain YAML.
 */

export type ServiceEntryResolution = 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';
export type ServiceEntryLocation = 'MESH_EXTERNAL' | 'MESH_INTERNAL';
export type ServiceEntryProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS' | 'MONGO' | 'REDIS' | 'MYSQL';

export interface ServiceEntryPortSpec {
  readonly number: number;
  readonly protocol?: ServiceEntryProtocol;
  readonly name: string;
  readonly targetPort?: number;
}

export interface WorkloadEntrySpec {
  readonly address?: string;
  readonly ports?: Record<string, number>;
  readonly labels?: Record<string, string>;
  readonly network?: string;
  readonly locality?: string;
  readonly weight?: number;
}

export interface ServiceEntrySpec {
  readonly hosts: readonly string[];
  readonly addresses?: readonly string[];
  readonly ports?: readonly ServiceEntryPortSpec[];
  readonly location?: ServiceEntryLocation;
  readonly resolution: ServiceEntryResolution;
  readonly endpoints?: readonly WorkloadEntrySpec[];
  readonly exportTo?: readonly string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

/** A DNS name, its first label possibly `*` or `*.`-prefixed (no bare `*`: a ServiceEntry cannot claim every host). */
function hostProblem(host: string): string | undefined {
  const labels = (host.startsWith('*.') ? host.slice(2) : host).split('.');
  if (host !== '*' && host.length <= 255 && labels.every((l) => l.length <= 63 && DNS_LABEL.test(l))) return undefined;
  return `host '${host}' is not valid: use a DNS name such as 'api.example.com', or a wildcard like '*.example.com' (not '*')`;
}

function isIp(address: string): boolean {
  return IPV4.test(address) || address.includes(':');
}

/** What Istio rejects in a ServiceEntry, each with the fix. */
export function serviceEntryProblems(spec: ServiceEntrySpec): string[] {
  const problems: string[] = [];
  if (spec.hosts.length === 0) problems.push("service entry has no hosts: list the external hosts, e.g. ['api.example.com']");
  for (const h of spec.hosts) {
    const p = hostProblem(h);
    if (p) problems.push(p);
  }
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const port of spec.ports ?? []) {
    if (!PORT_NAME.test(port.name))
      problems.push(`port name '${port.name}' is not valid: use lower-case letters, digits and '-', e.g. 'https'`);
    if (names.has(port.name)) problems.push(`port name '${port.name}' is used twice: give each port its own name`);
    if (numbers.has(port.number)) problems.push(`port ${port.number} is listed twice: list each port number once`);
    names.add(port.name);
    numbers.add(port.number);
  }
  const endpoints = spec.endpoints ?? [];
  const wildcard = spec.hosts.filter((h) => h.startsWith('*.'));
  if (spec.resolution === 'NONE' && endpoints.length > 0) {
    problems.push('resolution NONE takes no endpoints: drop the endpoints, or use resolution STATIC (IP addresses) or DNS (names)');
  }
  if (spec.resolution === 'STATIC') {
    if (endpoints.length === 0) problems.push('resolution STATIC needs endpoints: list the IP addresses, or use resolution DNS');
    for (const e of endpoints.filter((e) => e.address && !isIp(e.address) && !e.address.startsWith('unix://'))) {
      problems.push(`endpoint '${e.address}' is not an IP address, which resolution STATIC needs: use its IP, or resolution DNS`);
    }
  }
  if ((spec.resolution === 'DNS' || spec.resolution === 'DNS_ROUND_ROBIN') && endpoints.length === 0 && wildcard.length > 0) {
    problems.push(
      `resolution ${spec.resolution} cannot resolve the wildcard host '${wildcard[0]}' without endpoints: use resolution NONE or DYNAMIC_DNS, or give endpoints`,
    );
  }
  if (spec.resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) {
    problems.push('resolution DNS_ROUND_ROBIN takes at most one endpoint: use resolution DNS for several');
  }
  if (spec.resolution === 'DYNAMIC_DNS' && spec.hosts.some((h) => !h.startsWith('*'))) {
    problems.push("resolution DYNAMIC_DNS needs wildcard hosts: use hosts like '*.example.com', or resolution DNS for exact names");
  }
  for (const e of endpoints) {
    for (const name of Object.keys(e.ports ?? {})) {
      if (!names.has(name))
        problems.push(`endpoint port '${name}' is not a port name of the service entry: use one of ${[...names].join(', ') || '(none)'}`);
    }
  }
  if (spec.addresses?.some((a) => a.includes('/')) && spec.resolution !== 'NONE' && spec.resolution !== 'STATIC') {
    problems.push(`CIDR addresses need resolution NONE or STATIC, not ${spec.resolution}: change the resolution or give single addresses`);
  }
  return problems;
}
