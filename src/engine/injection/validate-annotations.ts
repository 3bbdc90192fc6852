/**
 * The pod annotation checks Istio 1.30.3's injector makes before it injects: a pod with a bad
 * value in one of these annotations is refused rather than injected with a broken sidecar.
 */
import { parse } from 'yaml';
import { isRecord } from '../k8s/object';

/** Returns why `value` is bad, or undefined when it is fine. */
type Check = (value: string) => string | undefined;

/**
 * Returns one message per annotation with an invalid value, sorted by annotation name;
 * empty when all are fine. Annotations the injector does not check are ignored.
 */
export function validateAnnotations(annotations: Readonly<Record<string, string>>): string[] {
  return Object.keys(annotations)
    .sort()
    .flatMap((name) => {
      const check = CHECKS[name];
      const value = annotations[name];
      const reason = check?.(typeof value === 'string' ? value : String(value));
      return reason === undefined ? [] : [`annotation ${name} has invalid value ${JSON.stringify(value)}: ${reason}`];
    });
}

const interceptionMode: Check = (v) =>
  ['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : 'interceptionMode must be one of REDIRECT, TPROXY, NONE';

const uint32: Check = (v) => (/^\d+$/.test(v) && Number(v) <= 0xffffffff ? undefined : 'must be a whole number from 0 to 4294967295');

const bool: Check = (v) =>
  ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? undefined : 'must be true or false';

function ipRanges(parameter: string, allowWildcard: boolean): Check {
  return (v) => {
    if (v === '' || (allowWildcard && v === '*')) return undefined;
    const bad = v.split(',').find((cidr) => !isCidr(cidr));
    if (bad === undefined) return undefined;
    const allowed = allowWildcard ? '"*" or ' : '';
    return `${parameter} invalid: ${JSON.stringify(bad)} is not a CIDR range; use ${allowed}a comma-separated list such as 10.0.0.0/8,fd00::/8 (no spaces)`;
  };
}

function ports(parameter: string, allowWildcard: boolean): Check {
  return (v) => {
    const list = v.trim();
    if (list === '' || (allowWildcard && v === '*')) return undefined;
    const bad = list.split(',').find((p) => !isPort(p.trim()));
    if (bad === undefined) return undefined;
    const allowed = allowWildcard ? '"*" or ' : '';
    return `${parameter} invalid: ${JSON.stringify(bad)} is not a port; use ${allowed}a comma-separated list of numbers from 0 to 65535`;
  };
}

const statusPort: Check = (v) => (isPort(v.trim()) ? undefined : 'statusPort invalid: must be a port number from 0 to 65535');

const interfaces: Check = (v) => {
  if (v === '') return undefined;
  for (const raw of v.split(',')) {
    const name = raw.trim();
    if (name === '') return 'empty interface name in the comma-separated list';
    if (name.length > 15) return `interface name ${JSON.stringify(name)} is too long (at most 15 characters)`;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) {
      return `interface name ${JSON.stringify(name)} must start with a letter and hold only letters, digits, "_", "." and "-"`;
    }
  }
  return undefined;
};

const quantity: Check = (v) => {
  if ([...v].some(isControlCharacter)) return 'value contains control characters';
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/.test(v)
    ? undefined
    : 'not a Kubernetes quantity (examples: 100m, 0.5, 128Mi, 1Gi)';
};

const CHECKS: Readonly<Record<string, Check>> = {
  'sidecar.istio.io/interceptionMode': interceptionMode,
  'status.sidecar.istio.io/port': statusPort,
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': ipRanges('includeIPRanges', true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': ipRanges('excludeIPRanges', false),
  'traffic.sidecar.istio.io/includeInboundPorts': ports('includeInboundPorts', true),
  'traffic.sidecar.istio.io/excludeInboundPorts': ports('excludeInboundPorts', false),
  'traffic.sidecar.istio.io/excludeOutboundPorts': ports('excludeOutboundPorts', false),
  'traffic.sidecar.istio.io/excludeInterfaces': interfaces,
  'traffic.sidecar.istio.io/kubevirtInterfaces': interfaces,
  'istio.io/reroute-virtual-interfaces': interfaces,
  'prometheus.istio.io/merge-metrics': bool,
  'proxy.istio.io/config': (v) => proxyConfig(v),
  'sidecar.istio.io/proxyCPU': quantity,
  'sidecar.istio.io/proxyMemory': quantity,
  'sidecar.istio.io/proxyCPULimit': quantity,
  'sidecar.istio.io/proxyMemoryLimit': quantity,
};

/** C0 and C1 control characters (compared by code, which reads plainer than a regular expression of them). */
function isControlCharacter(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535;
}

/** `address/bits` with no zone, no spaces and no leading zeros in the prefix length. */
function isCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(bits)) return false;
  const addr = text.slice(0, slash);
  if (isIPv4(addr)) return Number(bits) <= 32;
  return isIPv6(addr) && Number(bits) <= 128;
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 without a zone: hex groups, at most one `::` standing for one or more zero groups, optional IPv4 tail. */
function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  let count = 0;
  for (const [h, half] of halves.entries()) {
    const groups = half === '' ? [] : half.split(':');
    for (const [i, group] of groups.entries()) {
      const tail = h === halves.length - 1 && i === groups.length - 1;
      if (tail && group.includes('.') && isIPv4(group)) count += 2;
      else if (/^[0-9a-fA-F]{1,4}$/.test(group)) count += 1;
      else return false;
    }
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Reads a hostname or IP address with a port, as `host:port` or `[v6]:port`. */
function isProxyAddress(text: string): boolean {
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d+)$/.exec(text);
  if (!match) return false;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return false;
  const host = match[1] ?? match[2];
  return isIPv4(host) || isIPv6(host) || isHostname(host);
}

function isHostname(host: string): boolean {
  if (host.length === 0 || host.length > 255) return false;
  const labels = host.replace(/\.$/, '').split('.');
  if (/^\d+$/.test(labels[labels.length - 1])) return false;
  return labels.every((l) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(l));
}

const DURATION = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/;

/** A protobuf Duration in JSON form ("45s", "1.5s") as milliseconds; undefined when malformed. */
function durationMs(value: unknown): number | undefined {
  const match = typeof value === 'string' ? DURATION.exec(value) : null;
  if (!match) return undefined;
  const ms = Number(match[2]) * 1000 + Number((match[3] ?? '').padEnd(9, '0')) / 1e6;
  return match[1] ? -ms : ms;
}

const ENUMS: Readonly<Record<string, readonly (string | number)[]>> = {
  interceptionMode: ['REDIRECT', 'TPROXY', 'NONE', 0, 1, 2],
  controlPlaneAuthPolicy: ['NONE', 'MUTUAL_TLS', 0, 1],
};

/**
 * The proxy config overlay: it must be a YAML map, and the fields the injector checks after
 * applying it over the defaults must stay valid. Unknown fields are ignored, as upstream does.
 */
function proxyConfig(text: string): string | undefined {
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    return `not valid YAML: ${(error as Error).message.split('\n')[0]}`;
  }
  if (config === null || config === undefined) return undefined;
  if (!isRecord(config)) return 'must be a YAML map of ProxyConfig fields, e.g. "holdApplicationUntilProxyStarts: true"';
  const errors = proxyConfigProblems(config);
  return errors.length === 0 ? undefined : `proxy config invalid: ${errors.join('; ')}`;
}

/**
 * What is wrong with the fields of a ProxyConfig overlay, one message per field that names it; empty when fine.
 * The mesh config's `defaultConfig` gets the same checks (src/engine/injection/settings.ts).
 */
export function proxyConfigProblems(config: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const field of ['configPath', 'binaryPath', 'serviceCluster', 'discoveryAddress']) {
    if (field in config && (typeof config[field] !== 'string' || config[field] === '')) errors.push(`${field} must be a non-empty string`);
  }
  for (const field of ['discoveryAddress', 'statsdUdpAddress']) {
    const v = config[field];
    if (typeof v === 'string' && v !== '' && !isProxyAddress(v))
      errors.push(`${field} ${JSON.stringify(v)} must be host:port with a port from 1 to 65535`);
  }
  for (const field of ['proxyAdminPort', 'statusPort']) {
    const v = config[field];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535)) {
      errors.push(`${field} must be a port number from 1 to 65535`);
    }
  }
  if ('drainDuration' in config) {
    const ms = durationMs(config.drainDuration);
    if (ms === undefined) errors.push('drainDuration must be a duration in seconds such as "45s"');
    else if (ms < 1 || ms % 1000 !== 0) errors.push('drainDuration must be a whole number of seconds, at least 1s');
  }
  for (const [field, allowed] of Object.entries(ENUMS)) {
    if (field in config && !allowed.includes(config[field] as string | number)) {
      errors.push(`${field} must be one of ${allowed.filter((a) => typeof a === 'string').join(', ')}`);
    }
  }
  if ('concurrency' in config && !Number.isInteger(config.concurrency)) errors.push('concurrency must be a whole number');
  if ('holdApplicationUntilProxyStarts' in config && typeof config.holdApplicationUntilProxyStarts !== 'boolean') {
    errors.push('holdApplicationUntilProxyStarts must be true or false');
  }
  const metadata = config.proxyMetadata;
  if (metadata !== undefined && (!isRecord(metadata) || Object.values(metadata).some((m) => typeof m !== 'string'))) {
    errors.push('proxyMetadata must map names to strings (quote numbers and booleans)');
  }
  return errors;
}
