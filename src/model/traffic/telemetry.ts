/** Our own types for the `telemetry.istio.io/v1` Telemetry object (Istio's JSON field names). */
import { UserError } from '../../errors';
import type { WorkloadSelectorSpec } from './security';

export const TELEMETRY_API_VERSION = 'telemetry.istio.io/v1';

export type WorkloadModeName = 'CLIENT_AND_SERVER' | 'CLIENT' | 'SERVER';

export interface ProviderRefSpec {
  readonly name: string;
}

export interface TelemetrySpec {
  readonly selector?: WorkloadSelectorSpec;
  readonly accessLogging?: readonly AccessLoggingSpec[];
  readonly tracing?: readonly TracingSpec[];
  readonly metrics?: readonly MetricsSpec[];
}

export interface AccessLoggingSpec {
  readonly providers?: readonly ProviderRefSpec[];
  readonly disabled?: boolean;
  readonly filter?: { readonly expression: string };
  readonly match?: { readonly mode: WorkloadModeName };
}

export interface TracingSpec {
  readonly providers?: readonly ProviderRefSpec[];
  readonly randomSamplingPercentage?: number;
  readonly disableSpanReporting?: boolean;
  readonly customTags?: Record<
    string,
    { readonly literal?: { readonly value: string }; readonly header?: { readonly name: string; readonly defaultValue?: string } }
  >;
}

export interface MetricsSpec {
  readonly providers?: readonly ProviderRefSpec[];
  readonly overrides?: readonly MetricsOverrideSpec[];
}

export interface MetricsOverrideSpec {
  readonly match?: { readonly metric?: string; readonly customMetric?: string; readonly mode?: WorkloadModeName };
  readonly disabled?: boolean;
  readonly tagOverrides?: Record<string, { readonly operation?: 'UPSERT' | 'REMOVE'; readonly value?: string }>;
}

/** Which side of a connection a telemetry setting applies to. */
export class WorkloadMode {
  public static readonly CLIENT_AND_SERVER = new WorkloadMode('CLIENT_AND_SERVER');
  /** Only where the workload sends requests. */
  public static readonly CLIENT = new WorkloadMode('CLIENT');
  /** Only where the workload receives requests. */
  public static readonly SERVER = new WorkloadMode('SERVER');

  private constructor(public readonly name: WorkloadModeName) {}
}

/** A standard Istio metric, or a custom one by name. */
export class IstioMetric {
  public static readonly ALL_METRICS = new IstioMetric({ metric: 'ALL_METRICS' });
  public static readonly REQUEST_COUNT = new IstioMetric({ metric: 'REQUEST_COUNT' });
  public static readonly REQUEST_DURATION = new IstioMetric({ metric: 'REQUEST_DURATION' });
  public static readonly REQUEST_SIZE = new IstioMetric({ metric: 'REQUEST_SIZE' });
  public static readonly RESPONSE_SIZE = new IstioMetric({ metric: 'RESPONSE_SIZE' });
  public static readonly TCP_OPENED_CONNECTIONS = new IstioMetric({ metric: 'TCP_OPENED_CONNECTIONS' });
  public static readonly TCP_CLOSED_CONNECTIONS = new IstioMetric({ metric: 'TCP_CLOSED_CONNECTIONS' });
  public static readonly TCP_SENT_BYTES = new IstioMetric({ metric: 'TCP_SENT_BYTES' });
  public static readonly TCP_RECEIVED_BYTES = new IstioMetric({ metric: 'TCP_RECEIVED_BYTES' });
  public static readonly GRPC_REQUEST_MESSAGES = new IstioMetric({ metric: 'GRPC_REQUEST_MESSAGES' });
  public static readonly GRPC_RESPONSE_MESSAGES = new IstioMetric({ metric: 'GRPC_RESPONSE_MESSAGES' });

  /** A metric defined by a provider, by its name without the provider prefix. */
  public static custom(name: string): IstioMetric {
    if (!name) throw new UserError("custom metric name '' is empty: give the metric's name, e.g. 'requests_total'");
    return new IstioMetric({ customMetric: name });
  }

  private constructor(public readonly match: { readonly metric?: string; readonly customMetric?: string }) {}
}

/** A change to one metric label (tag). */
export class TagOverride {
  /** Sets the tag to a CEL expression, e.g. `request.host`. */
  public static upsert(expression: string): TagOverride {
    if (!expression)
      throw new UserError("tag value '' is empty: give a CEL expression such as 'request.host', or use TagOverride.remove()");
    return new TagOverride({ operation: 'UPSERT', value: expression });
  }

  public static remove(): TagOverride {
    return new TagOverride({ operation: 'REMOVE' });
  }

  private constructor(public readonly spec: { readonly operation: 'UPSERT' | 'REMOVE'; readonly value?: string }) {}
}
