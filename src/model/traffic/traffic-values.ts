import { UserError } from '../../errors';
import type { ClientTlsSpec, LoadBalancerSpec } from './networking';
import { type IstioDuration } from './duration';

/** How a client sidecar talks TLS to the destination. */
export class ClientTls {
  /** Istio's own mutual TLS with workload certificates: what in-mesh traffic should use. */
  public static istioMutual(): ClientTls {
    return new ClientTls({ mode: 'ISTIO_MUTUAL' });
  }

  /** Plain text: only for destinations outside the mesh that do not speak TLS. */
  public static disable(): ClientTls {
    return new ClientTls({ mode: 'DISABLE' });
  }

  /** One-way TLS to an external destination; `sni` overrides the server name sent. */
  public static simple(options: { readonly sni?: string; readonly credentialName?: string } = {}): ClientTls {
    return new ClientTls({ mode: 'SIMPLE', ...options });
  }

  /** Mutual TLS with a client certificate stored in the secret `credentialName`. */
  public static mutual(credentialName: string, options: { readonly sni?: string } = {}): ClientTls {
    if (!credentialName) throw new UserError('mutual tls needs a credentialName: name the secret holding the client certificate');
    return new ClientTls({ mode: 'MUTUAL', credentialName, ...options });
  }

  private constructor(private readonly spec: ClientTlsSpec) {}

  public get mode(): ClientTlsSpec['mode'] {
    return this.spec.mode;
  }

  public toSpec(): ClientTlsSpec {
    return { ...this.spec };
  }
}

/** How requests are spread over the endpoints of a destination. */
export class LoadBalancer {
  public static leastRequest(): LoadBalancer {
    return new LoadBalancer({ simple: 'LEAST_REQUEST' });
  }

  public static roundRobin(): LoadBalancer {
    return new LoadBalancer({ simple: 'ROUND_ROBIN' });
  }

  public static random(): LoadBalancer {
    return new LoadBalancer({ simple: 'RANDOM' });
  }

  /** Sticky sessions keyed on a request header. */
  public static hashHeader(name: string): LoadBalancer {
    if (!name) throw new UserError("hash header name '' is empty: give the header to key sessions on, e.g. 'x-user-id'");
    return new LoadBalancer({ consistentHash: { httpHeaderName: name } });
  }

  /** Sticky sessions keyed on a cookie; with `ttl`, the proxy creates the cookie when it is missing. */
  public static hashCookie(name: string, ttl?: IstioDuration): LoadBalancer {
    if (!name) throw new UserError("hash cookie name '' is empty: give the cookie to key sessions on, e.g. 'session'");
    return new LoadBalancer({ consistentHash: { httpCookie: { name, ...(ttl ? { ttl: ttl.toString() } : {}) } } });
  }

  /** Sticky sessions keyed on the client's IP address. */
  public static hashSourceIp(): LoadBalancer {
    return new LoadBalancer({ consistentHash: { useSourceIp: true } });
  }

  private constructor(private readonly spec: LoadBalancerSpec) {}

  public toSpec(): LoadBalancerSpec {
    return JSON.parse(JSON.stringify(this.spec));
  }
}

/**
 * A condition under which a failed request is retried (Envoy's retry-on names).
 * Only the conditions in SAFE_RETRY_CONDITIONS are sure not to repeat work the server already did.
 */
export class RetryOn {
  /** The connection could not be opened: the request never reached the server. */
  public static readonly CONNECT_FAILURE = new RetryOn('connect-failure');
  /** The server refused the stream before processing it (HTTP/2 REFUSED_STREAM). */
  public static readonly REFUSED_STREAM = new RetryOn('refused-stream');
  /** gRPC status UNAVAILABLE. */
  public static readonly UNAVAILABLE = new RetryOn('unavailable');
  /** gRPC status CANCELLED. */
  public static readonly CANCELLED = new RetryOn('cancelled');
  /** Any 5xx response, or no response at all. */
  public static readonly SERVER_ERROR = new RetryOn('5xx');
  /** 502, 503 or 504. */
  public static readonly GATEWAY_ERROR = new RetryOn('gateway-error');
  /** The connection was reset, possibly mid-request. */
  public static readonly RESET = new RetryOn('reset');
  /** 409 Conflict. */
  public static readonly RETRIABLE_4XX = new RetryOn('retriable-4xx');
  /** The status codes listed with `RetryOn.statusCode`. */
  public static readonly RETRIABLE_STATUS_CODES = new RetryOn('retriable-status-codes');

  /** Retries on one HTTP status code (100-599). */
  public static statusCode(code: number): RetryOn {
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw new UserError(`retry status code ${code} is out of range: use an HTTP status between 100 and 599, e.g. 503`);
    }
    return new RetryOn(String(code));
  }

  /** Renders a list as Istio's comma-separated `retryOn`. */
  public static join(conditions: readonly RetryOn[]): string {
    return conditions.map((c) => c.value).join(',');
  }

  private constructor(public readonly value: string) {}
}

/** Retry conditions that never repeat work the server already did. */
export const SAFE_RETRY_CONDITIONS: ReadonlySet<string> = new Set(['connect-failure', 'refused-stream', 'unavailable', 'cancelled']);
