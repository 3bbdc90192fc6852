/**
 * Our own types for the Gateway API objects we emit (`gateway.networking.k8s.io/v1` Gateway, HTTPRoute and
 * ReferenceGrant, field names as in Gateway API v1.5.1), and the checks its CRDs and conformance rules make.
 */

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';

export interface SecretObjectReferenceSpec {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface ListenerSpec {
  readonly name: string;
  readonly hostname?: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  readonly tls?: { readonly mode?: 'Terminate' | 'Passthrough'; readonly certificateRefs?: readonly SecretObjectReferenceSpec[] };
  readonly allowedRoutes?: {
    readonly namespaces?: {
      readonly from: 'All' | 'Same' | 'Selector';
      readonly selector?: { readonly matchLabels: Record<string, string> };
    };
    readonly kinds?: readonly { readonly group?: string; readonly kind: string }[];
  };
}

export interface KubernetesGatewaySpec {
  readonly gatewayClassName: string;
  readonly listeners: readonly ListenerSpec[];
  readonly infrastructure?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
}

export interface ParentReferenceSpec {
  readonly group?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}

export interface BackendRefSpec {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
  readonly weight?: number;
  readonly filters?: readonly HttpRouteFilterSpec[];
}

export interface HttpHeaderSpec {
  readonly name: string;
  readonly value: string;
}

export interface HeaderModifierSpec {
  readonly set?: readonly HttpHeaderSpec[];
  readonly add?: readonly HttpHeaderSpec[];
  readonly remove?: readonly string[];
}

export interface PathModifierSpec {
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  readonly replaceFullPath?: string;
  readonly replacePrefixMatch?: string;
}

export interface HttpRouteFilterSpec {
  readonly type: 'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestRedirect' | 'URLRewrite' | 'RequestMirror';
  readonly requestHeaderModifier?: HeaderModifierSpec;
  readonly responseHeaderModifier?: HeaderModifierSpec;
  readonly requestRedirect?: {
    readonly scheme?: 'http' | 'https';
    readonly hostname?: string;
    readonly path?: PathModifierSpec;
    readonly port?: number;
    readonly statusCode?: 301 | 302 | 303 | 307 | 308;
  };
  readonly urlRewrite?: { readonly hostname?: string; readonly path?: PathModifierSpec };
  readonly requestMirror?: { readonly backendRef: BackendRefSpec; readonly percent?: number };
}

export interface GatewayApiMatchSpec {
  readonly path?: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly headers?: readonly { readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }[];
  readonly queryParams?: readonly { readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }[];
  readonly method?: string;
}

export interface GatewayApiRouteRuleSpec {
  readonly name?: string;
  readonly matches?: readonly GatewayApiMatchSpec[];
  readonly filters?: readonly HttpRouteFilterSpec[];
  readonly backendRefs?: readonly BackendRefSpec[];
  readonly timeouts?: { readonly request?: string; readonly backendRequest?: string };
}

export interface GatewayApiHttpRouteSpec {
  readonly parentRefs: readonly ParentReferenceSpec[];
  readonly hostnames?: readonly string[];
  readonly rules: readonly GatewayApiRouteRuleSpec[];
}

export interface ReferenceGrantSpec {
  readonly from: readonly { readonly group: string; readonly kind: string; readonly namespace: string }[];
  readonly to: readonly { readonly group: string; readonly kind: string; readonly name?: string }[];
}

/** Gateway API hostnames: a DNS name, optionally `*.`-prefixed; no IP addresses, no bare `*`. */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API durations: up to four whole-number parts of h, m, s or ms ("1h30m", "500ms"), no fractions. */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

export function hostnameProblem(hostname: string, what: string): string | undefined {
  if (hostname.length <= 253 && HOSTNAME.test(hostname) && !/^[0-9.]+$/.test(hostname)) return undefined;
  return `${what} '${hostname}' is not a valid hostname: use a lower-case DNS name, optionally with a leading '*.' (no IP address, no bare '*')`;
}

export function durationProblem(duration: string, what: string): string | undefined {
  if (DURATION.test(duration)) return undefined;
  return `${what} '${duration}' is not a Gateway API duration: use whole numbers of h, m, s or ms, e.g. '1500ms' instead of '1.5s'`;
}

/** Whether a listener hostname (possibly `*.`-wildcarded, or absent: any) and a route hostname can match a request. */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (listener === undefined || listener === route) return true;
  const suffix = (h: string) => (h.startsWith('*.') ? h.slice(1) : undefined);
  const l = suffix(listener);
  const r = suffix(route);
  return (l !== undefined && route.endsWith(l)) || (r !== undefined && listener.endsWith(r));
}
