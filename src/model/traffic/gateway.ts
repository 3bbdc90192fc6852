/**
 * Our own types for the `networking.istio.io/v1` Gateway (Istio's JSON field names), the server TLS settings as an
 * enum-like class, and the server checks shared by the IstioGateway construct and any analysis of plain YAML.
 */
import { UserError } from '../../errors';

export type ServerProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'GRPC-WEB' | 'TCP' | 'TLS' | 'MONGO' | 'REDIS' | 'MYSQL';
export type ServerTlsModeName = 'SIMPLE' | 'MUTUAL' | 'OPTIONAL_MUTUAL' | 'ISTIO_MUTUAL' | 'PASSTHROUGH' | 'AUTO_PASSTHROUGH';
export type TlsProtocolVersion = 'TLS_AUTO' | 'TLSV1_0' | 'TLSV1_1' | 'TLSV1_2' | 'TLSV1_3';

export interface GatewaySpec {
  readonly selector: Record<string, string>;
  readonly servers: readonly ServerSpec[];
}

export interface ServerSpec {
  readonly port: { readonly number: number; readonly name: string; readonly protocol: ServerProtocol };
  readonly hosts: readonly string[];
  readonly name?: string;
  readonly bind?: string;
  readonly tls?: ServerTlsSpec;
}

export interface ServerTlsSpec {
  readonly httpsRedirect?: boolean;
  readonly mode?: ServerTlsModeName;
  readonly credentialName?: string;
  readonly serverCertificate?: string;
  readonly privateKey?: string;
  readonly caCertificates?: string;
  readonly subjectAltNames?: readonly string[];
  readonly minProtocolVersion?: TlsProtocolVersion;
  readonly maxProtocolVersion?: TlsProtocolVersion;
  readonly cipherSuites?: readonly string[];
}

/** TLS options shared by the modes that terminate TLS at the gateway. */
export interface TerminatingTlsOptions {
  /** @default - Envoy's default (TLS 1.2) */
  readonly minProtocolVersion?: TlsProtocolVersion;
  /** @default - Envoy's default (TLS 1.3) */
  readonly maxProtocolVersion?: TlsProtocolVersion;
  /** @default - Envoy's default cipher suites */
  readonly cipherSuites?: readonly string[];
}

/** Certificates mounted into the gateway pod, instead of a Secret named by `credentialName`. */
export interface MountedCertificates {
  readonly serverCertificate: string;
  readonly privateKey: string;
  /** Client CA bundle; MUTUAL needs one. */
  readonly caCertificates?: string;
}

/** How a gateway server handles TLS. */
export class ServerTls {
  /** Terminates TLS with the certificate in the Secret `credentialName` (in the gateway's namespace). */
  public static simple(credentialName: string, options: TerminatingTlsOptions = {}): ServerTls {
    return new ServerTls({ mode: 'SIMPLE', credentialName: requireCredential('simple', credentialName), ...versions(options) });
  }

  /** Terminates TLS and requires client certificates; the Secret `credentialName` also holds the client CA (`ca.crt`). */
  public static mutual(
    credentialName: string,
    options: TerminatingTlsOptions & { readonly subjectAltNames?: readonly string[] } = {},
  ): ServerTls {
    const { subjectAltNames, ...rest } = options;
    return new ServerTls({
      mode: 'MUTUAL',
      credentialName: requireCredential('mutual', credentialName),
      ...(subjectAltNames?.length ? { subjectAltNames: [...subjectAltNames] } : {}),
      ...versions(rest),
    });
  }

  /** SIMPLE or MUTUAL with certificate files mounted into the gateway pod. */
  public static mounted(mode: 'SIMPLE' | 'MUTUAL', files: MountedCertificates, options: TerminatingTlsOptions = {}): ServerTls {
    return new ServerTls({ mode, ...files, ...versions(options) });
  }

  /** Istio's mutual TLS with workload certificates: for traffic from inside the mesh (e.g. to an egress gateway). */
  public static istioMutual(): ServerTls {
    return new ServerTls({ mode: 'ISTIO_MUTUAL' });
  }

  /** Forwards TLS unopened, routed by SNI (the backend holds the certificate). */
  public static passthrough(): ServerTls {
    return new ServerTls({ mode: 'PASSTHROUGH' });
  }

  /** Passthrough routed by the SNI's encoded destination, without VirtualServices (east-west gateways). */
  public static autoPassthrough(): ServerTls {
    return new ServerTls({ mode: 'AUTO_PASSTHROUGH' });
  }

  /** Plain-HTTP servers only: answers every request with a redirect to HTTPS. */
  public static httpsRedirect(): ServerTls {
    return new ServerTls({ httpsRedirect: true });
  }

  private constructor(private readonly spec: ServerTlsSpec) {}

  /** The mode, or undefined for an HTTPS redirect. */
  public get mode(): ServerTlsModeName | undefined {
    return this.spec.mode;
  }

  public toSpec(): ServerTlsSpec {
    return JSON.parse(JSON.stringify(this.spec));
  }
}

function requireCredential(mode: string, credentialName: string): string {
  if (!credentialName) {
    throw new UserError(`${mode} tls needs a credentialName: name the Secret (in the gateway's namespace) that holds the certificate`);
  }
  return credentialName;
}

function versions(o: TerminatingTlsOptions): Partial<ServerTlsSpec> {
  return {
    ...(o.minProtocolVersion ? { minProtocolVersion: o.minProtocolVersion } : {}),
    ...(o.maxProtocolVersion ? { maxProtocolVersion: o.maxProtocolVersion } : {}),
    ...(o.cipherSuites?.length ? { cipherSuites: [...o.cipherSuites] } : {}),
  };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS name whose first label may be `*` or end in `*` (Istio's wildcard rule for gateway hosts). */
const WILDCARD_HOST = /^(\*|[a-z0-9-]*\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;
const TLS_PROTOCOLS = new Set<ServerProtocol>(['HTTPS', 'TLS']);
const HTTP_PROTOCOLS = new Set<ServerProtocol>(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const VERSION_ORDER: readonly TlsProtocolVersion[] = ['TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'];

/** A gateway server host: `[namespace/]dnsName`, the namespace `*`, `.` or a DNS label, the name possibly wildcarded. */
export function gatewayHostProblem(host: string, what: string): string | undefined {
  const slash = host.indexOf('/');
  const ns = slash < 0 ? undefined : host.slice(0, slash);
  const name = slash < 0 ? host : host.slice(slash + 1);
  const nsOk = ns === undefined || ns === '*' || ns === '.' || DNS_LABEL.test(ns);
  if (nsOk && name.length > 0 && name.length <= 253 && WILDCARD_HOST.test(name)) return undefined;
  return (
    `${what} host '${host}' is not valid: use a DNS name, optionally wildcarded in its first label ('*.example.com', '*'), ` +
    "optionally prefixed with the namespace of the routes it admits ('shop/*.example.com', './www.example.com', '*/*')"
  );
}

/** What Istio rejects in one server (its validation), each with the fix. */
export function serverProblems(server: ServerSpec, what: string): string[] {
  const problems: string[] = [];
  const { protocol } = server.port;
  const tls = server.tls;
  if (server.hosts.length === 0) problems.push(`${what} has no hosts: list at least one, e.g. ['shop.example.com'] or ['*']`);
  for (const host of server.hosts) {
    const p = gatewayHostProblem(host, what);
    if (p) problems.push(p);
  }
  if (!server.port.name) problems.push(`${what} port has no name: give it one, e.g. 'https-443'`);
  if (TLS_PROTOCOLS.has(protocol) && !tls?.mode) {
    problems.push(
      `${what} uses protocol ${protocol} without tls settings: add tls, e.g. ServerTls.simple('shop-cert') or ServerTls.passthrough()`,
    );
  }
  if (!TLS_PROTOCOLS.has(protocol) && tls) {
    const redirectOnly = HTTP_PROTOCOLS.has(protocol) && tls.httpsRedirect && !tls.mode;
    if (!redirectOnly) {
      problems.push(
        `${what} uses plain-text protocol ${protocol} with tls settings: use protocol HTTPS or TLS, or (HTTP only) ServerTls.httpsRedirect()`,
      );
    }
  }
  if (tls?.mode === 'PASSTHROUGH' && protocol === 'HTTPS') {
    problems.push(`${what} passes TLS through but declares protocol HTTPS: use protocol TLS (the gateway cannot read the requests)`);
  }
  const hasFiles = !!tls?.serverCertificate || !!tls?.privateKey;
  if ((tls?.mode === 'SIMPLE' || tls?.mode === 'MUTUAL') && !tls.credentialName && !(tls.serverCertificate && tls.privateKey)) {
    problems.push(`${what} tls ${tls.mode} has no certificate: give a credentialName, or serverCertificate and privateKey`);
  }
  if (tls?.mode === 'MUTUAL' && !tls.credentialName && hasFiles && !tls.caCertificates) {
    problems.push(`${what} tls MUTUAL with mounted files has no caCertificates: give the client CA bundle to verify clients with`);
  }
  const min = tls?.minProtocolVersion ? VERSION_ORDER.indexOf(tls.minProtocolVersion) : -1;
  const max = tls?.maxProtocolVersion ? VERSION_ORDER.indexOf(tls.maxProtocolVersion) : -1;
  if (min >= 0 && max >= 0 && min > max) {
    problems.push(
      `${what} tls minProtocolVersion ${tls!.minProtocolVersion} is above maxProtocolVersion ${tls!.maxProtocolVersion}: swap them`,
    );
  }
  return problems;
}

/** Whether two hosts can name the same request host: equal, or one a wildcard (`*`, `*.suffix`) covering the other. */
export function hostsOverlap(a: string, b: string): boolean {
  const covers = (pattern: string, host: string) =>
    pattern === '*' || pattern === host || (pattern.startsWith('*') && host.endsWith(pattern.slice(1)));
  return covers(a.toLowerCase(), b.toLowerCase()) || covers(b.toLowerCase(), a.toLowerCase());
}

/** The namespace of objects rendered without one: kubectl's default, and what the analysis assumes. */
export const UNSET_NAMESPACE = 'default';

/**
 * The server hosts (without namespace part) a Gateway of `gatewayNamespace` offers to VirtualServices of
 * `routeNamespace`, as Istio reads them: a host without namespace or with `*` for every namespace, `./host` for the
 * Gateway's own namespace, `ns/host` for `ns`.
 */
export function hostsOfferedTo(serverHosts: readonly string[], gatewayNamespace: string, routeNamespace: string): string[] {
  return serverHosts.flatMap((h) => {
    const slash = h.indexOf('/');
    if (slash < 0) return [h];
    const ns = h.slice(0, slash);
    const admitted = ns === '*' || ns === routeNamespace || (ns === '.' && gatewayNamespace === routeNamespace);
    return admitted ? [h.slice(slash + 1)] : [];
  });
}

/**
 * Whether a Gateway uses the routes of a VirtualService bound to it (Istio's IST0132 when not): one of the
 * VirtualService's hosts overlaps a host the Gateway's servers offer to its namespace. The IstioGateway and
 * VirtualService constructs and the analysis rule both judge with this.
 */
export function gatewayServesHosts(
  routeHosts: readonly string[],
  serverHosts: readonly string[],
  gatewayNamespace: string,
  routeNamespace: string,
): { readonly served: boolean; readonly offered: readonly string[] } {
  const offered = hostsOfferedTo(serverHosts, gatewayNamespace, routeNamespace);
  return { served: routeHosts.some((h) => offered.some((g) => hostsOverlap(g, h))), offered };
}
