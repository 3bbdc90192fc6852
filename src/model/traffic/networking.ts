/**
 * Our own types for the `networking.istio.io/v1` objects we emit: JSON field names are Istio's,
 * only the parts this library writes or checks are typed.
 */

export const NETWORKING_API_VERSION = 'networking.istio.io/v1';

export interface StringMatchSpec {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

export interface PortSelectorSpec {
  readonly number: number;
}

export interface PercentSpec {
  readonly value: number;
}

// ---- DestinationRule ----

export interface DestinationRuleSpec {
  readonly host: string;
  readonly trafficPolicy?: TrafficPolicySpec;
  readonly subsets?: readonly SubsetSpec[];
  readonly exportTo?: readonly string[];
}

export interface SubsetSpec {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly trafficPolicy?: TrafficPolicySpec;
}

export interface TrafficPolicySpec {
  readonly loadBalancer?: LoadBalancerSpec;
  readonly connectionPool?: ConnectionPoolSpec;
  readonly outlierDetection?: OutlierDetectionSpec;
  readonly tls?: ClientTlsSpec;
}

export interface LoadBalancerSpec {
  readonly simple?: 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'PASSTHROUGH';
  readonly consistentHash?: {
    readonly httpHeaderName?: string;
    readonly httpCookie?: { readonly name: string; readonly ttl?: string; readonly path?: string };
    readonly useSourceIp?: boolean;
    readonly httpQueryParameterName?: string;
  };
}

export interface ConnectionPoolSpec {
  readonly tcp?: {
    readonly maxConnections?: number;
    readonly connectTimeout?: string;
  };
  readonly http?: {
    readonly http1MaxPendingRequests?: number;
    readonly http2MaxRequests?: number;
    readonly maxRequestsPerConnection?: number;
    readonly maxRetries?: number;
    readonly idleTimeout?: string;
  };
}

export interface OutlierDetectionSpec {
  readonly consecutive5xxErrors?: number;
  readonly consecutiveGatewayErrors?: number;
  readonly interval?: string;
  readonly baseEjectionTime?: string;
  readonly maxEjectionPercent?: number;
  readonly minHealthPercent?: number;
}

export type ClientTlsModeName = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface ClientTlsSpec {
  readonly mode: ClientTlsModeName;
  readonly credentialName?: string;
  readonly sni?: string;
  readonly subjectAltNames?: readonly string[];
}

// ---- VirtualService ----

export interface VirtualServiceSpec {
  readonly hosts: readonly string[];
  readonly gateways?: readonly string[];
  readonly exportTo?: readonly string[];
  readonly http?: readonly HttpRouteSpec[];
}

export interface HttpRouteSpec {
  readonly name?: string;
  readonly match?: readonly HttpMatchSpec[];
  readonly route?: readonly HttpRouteDestinationSpec[];
  readonly rewrite?: { readonly uri?: string; readonly authority?: string };
  readonly timeout?: string;
  readonly retries?: HttpRetrySpec;
  readonly fault?: HttpFaultSpec;
  readonly mirror?: DestinationSpec;
  readonly mirrorPercentage?: PercentSpec;
}

export interface HttpMatchSpec {
  readonly name?: string;
  readonly uri?: StringMatchSpec;
  readonly method?: StringMatchSpec;
  readonly headers?: Record<string, StringMatchSpec>;
  readonly withoutHeaders?: Record<string, StringMatchSpec>;
  readonly queryParams?: Record<string, StringMatchSpec>;
  readonly port?: number;
  readonly sourceLabels?: Record<string, string>;
  readonly ignoreUriCase?: boolean;
}

export interface DestinationSpec {
  readonly host: string;
  readonly subset?: string;
  readonly port?: PortSelectorSpec;
}

export interface HttpRouteDestinationSpec {
  readonly destination: DestinationSpec;
  readonly weight?: number;
}

export interface HttpRetrySpec {
  readonly attempts: number;
  readonly perTryTimeout?: string;
  readonly retryOn?: string;
}

export interface HttpFaultSpec {
  readonly delay?: { readonly fixedDelay: string; readonly percentage?: PercentSpec };
  readonly abort?: { readonly httpStatus: number; readonly percentage?: PercentSpec };
}
