import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { type IstioDuration } from '../../model/traffic/duration';
import { type DestinationRuleSpec, NETWORKING_API_VERSION, type SubsetSpec, type TrafficPolicySpec } from '../../model/traffic/networking';
import { ClientTls, type LoadBalancer } from '../../model/traffic/traffic-values';
import { defined, integerProblem, nameFromHost, namespaceOf, percentProblem, selectorProblems } from './common';

/** Limits on connections and queued requests to each endpoint; requests beyond them fail fast (503). */
export interface ConnectionPoolProps {
  /** Most TCP connections to one endpoint. @default - Istio's default (effectively unlimited) */
  readonly maxConnections?: number;
  /** How long to wait for a TCP connection. @default - Istio's default (10s) */
  readonly connectTimeout?: IstioDuration;
  /** Most HTTP/1.1 requests waiting for a connection. @default - Istio's default (effectively unlimited) */
  readonly http1MaxPendingRequests?: number;
  /** Most concurrent requests to the destination. @default - Istio's default (effectively unlimited) */
  readonly http2MaxRequests?: number;
  /** Requests per connection before it is closed; 1 disables keep-alive. @default - no limit */
  readonly maxRequestsPerConnection?: number;
  /** Most retries outstanding at once to the destination. @default - Istio's default (effectively unlimited) */
  readonly maxRetries?: number;
  /** Idle time after which a connection is closed. @default - Istio's default (1h) */
  readonly idleTimeout?: IstioDuration;
}

/** Ejects failing endpoints from the load-balancing pool for a while (circuit breaking). */
export interface OutlierDetectionProps {
  /** Consecutive 5xx responses (or connection errors) before an endpoint is ejected. @default - Istio's default (5) */
  readonly consecutive5xxErrors?: number;
  /** Consecutive 502/503/504 before an endpoint is ejected. @default - not counted separately */
  readonly consecutiveGatewayErrors?: number;
  /** How often endpoints are evaluated. @default - Istio's default (10s) */
  readonly interval?: IstioDuration;
  /** Minimum ejection time; it grows with each ejection of the same endpoint. @default - Istio's default (30s) */
  readonly baseEjectionTime?: IstioDuration;
  /** Most endpoints ejected at once, in percent. @default - Istio's default (10) */
  readonly maxEjectionPercent?: number;
  /** Outlier detection pauses while fewer endpoints than this percentage are healthy. @default - Istio's default (0: always on) */
  readonly minHealthPercent?: number;
}

/** How clients treat a destination (or one subset of it). */
export interface TrafficPolicyProps {
  /** @default - Istio's default (LEAST_REQUEST) */
  readonly loadBalancer?: LoadBalancer;
  /** @default - no limits */
  readonly connectionPool?: ConnectionPoolProps;
  /** @default - no outlier detection */
  readonly outlierDetection?: OutlierDetectionProps;
  /**
   * @default - for a subset, the destination's setting; for the destination, ClientTls.istioMutual() when the host
   * is a cluster Service (a short name or name.namespace.svc...), else none (plain traffic to external hosts)
   */
  readonly tls?: ClientTls;
}

/** A named group of a host's endpoints, chosen by pod labels (typically a version). */
export interface SubsetProps extends Omit<TrafficPolicyProps, 'tls'> {
  /** Name that routes refer to, e.g. 'v1'. */
  readonly name: string;
  /** Pod labels the subset's endpoints carry, on top of the Service's own selector. */
  readonly labels: Record<string, string>;
}

export interface DestinationRuleProps extends TrafficPolicyProps {
  /** The destination host, e.g. 'reviews.shop.svc.cluster.local'. */
  readonly host: string;
  /** @default - the first label of the host */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default - no subsets */
  readonly subsets?: readonly SubsetProps[];
  /** Namespaces that see this rule ('.' own, '*' all). @default - all namespaces */
  readonly exportTo?: readonly string[];
}

const SUBSET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A `DestinationRule`: subsets, load balancing, connection limits, outlier detection and TLS of one host. */
export class DestinationRule extends Construct {
  public readonly apiObject: ApiObject;
  public readonly host: string;
  public readonly namespace: string | undefined;
  private readonly extraSubsets: SubsetProps[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: DestinationRuleProps,
  ) {
    super(scope, id);
    this.host = props.host;
    this.namespace = namespaceOf(this, props.namespace);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'DestinationRule',
      metadata: { name: props.name ?? nameFromHost(props.host), namespace: this.namespace },
      spec: Lazy.any({ produce: () => renderDestinationRule(this.resolveProps()) }),
    });
    this.node.addValidation({ validate: () => destinationRuleProblems(this.resolveProps()) });
  }

  /** Adds a subset, e.g. for a new version. */
  public addSubset(subset: SubsetProps): void {
    this.extraSubsets.push(subset);
  }

  /** The props in effect at synth time; subclasses may compute them from other state. */
  protected resolveProps(): DestinationRuleProps {
    return { ...this.props, subsets: [...(this.props.subsets ?? []), ...this.extraSubsets] };
  }
}

export function renderDestinationRule(props: DestinationRuleProps): DestinationRuleSpec {
  const subsets: SubsetSpec[] = (props.subsets ?? []).map((s) => {
    const policy = renderTrafficPolicy(s);
    return { name: s.name, labels: { ...s.labels }, ...(policy ? { trafficPolicy: policy } : {}) };
  });
  const policy = renderTrafficPolicy({ ...props, tls: props.tls ?? (isClusterHost(props.host) ? ClientTls.istioMutual() : undefined) });
  return {
    host: props.host,
    ...(policy ? { trafficPolicy: policy } : {}),
    ...(subsets.length ? { subsets } : {}),
    ...(props.exportTo ? { exportTo: [...props.exportTo] } : {}),
  };
}

/** A Kubernetes Service host: a short name or `name.namespace.svc[.domain]` (not `name.namespace`: it may be a DNS name). */
function isClusterHost(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 1 || (parts.length >= 3 && parts[2] === 'svc');
}

function renderTrafficPolicy(p: TrafficPolicyProps): TrafficPolicySpec | undefined {
  const pool = p.connectionPool;
  const tcp = pool && compact({ maxConnections: pool.maxConnections, connectTimeout: pool.connectTimeout?.toString() });
  const http =
    pool &&
    compact({
      http1MaxPendingRequests: pool.http1MaxPendingRequests,
      http2MaxRequests: pool.http2MaxRequests,
      maxRequestsPerConnection: pool.maxRequestsPerConnection,
      maxRetries: pool.maxRetries,
      idleTimeout: pool.idleTimeout?.toString(),
    });
  const od = p.outlierDetection;
  return compact<TrafficPolicySpec>({
    loadBalancer: p.loadBalancer?.toSpec(),
    connectionPool: pool ? (compact({ tcp, http }) ?? {}) : undefined,
    outlierDetection: od
      ? (compact({
          consecutive5xxErrors: od.consecutive5xxErrors,
          consecutiveGatewayErrors: od.consecutiveGatewayErrors,
          interval: od.interval?.toString(),
          baseEjectionTime: od.baseEjectionTime?.toString(),
          maxEjectionPercent: od.maxEjectionPercent,
          minHealthPercent: od.minHealthPercent,
        }) ?? {})
      : undefined,
    tls: p.tls?.toSpec(),
  });
}

/** Drops undefined fields; undefined when nothing is left. */
function compact<T extends object>(o: { [K in keyof T]?: T[K] | undefined }): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

export function destinationRuleProblems(props: DestinationRuleProps): string[] {
  const problems: string[] = [];
  if (!props.host) problems.push("host '' is empty: give the destination's host, e.g. 'reviews.shop.svc.cluster.local'");
  if (!props.name && !nameFromHost(props.host)) problems.push(`host '${props.host}' gives no valid object name: set \`name\` explicitly`);
  problems.push(...policyProblems('traffic policy', props));
  const seen = new Set<string>();
  const byLabels = new Map<string, string>();
  for (const subset of props.subsets ?? []) {
    const what = `subset '${subset.name}'`;
    if (!SUBSET_NAME.test(subset.name)) problems.push(`${what} is not a valid name: use lower-case letters, digits and '-', e.g. 'v1'`);
    if (seen.has(subset.name)) problems.push(`${what} is defined twice: give each subset a distinct name`);
    seen.add(subset.name);
    const labelKey = JSON.stringify(Object.entries(subset.labels).sort());
    const twin = byLabels.get(labelKey);
    if (twin !== undefined && twin !== subset.name) {
      problems.push(
        `${what} has the same labels as subset '${twin}', so both select the same pods: add a label that tells them apart, e.g. version`,
      );
    }
    byLabels.set(labelKey, subset.name);
    if (Object.keys(subset.labels).length === 0)
      problems.push(`${what} has no labels and would select every endpoint: give the labels that tell it apart, e.g. { version: 'v1' }`);
    problems.push(...selectorProblems(subset.labels).map((p) => `${what}: ${p}`));
    problems.push(...policyProblems(what, subset));
  }
  return problems;
}

function policyProblems(what: string, p: TrafficPolicyProps): string[] {
  const pool = p.connectionPool ?? {};
  const od = p.outlierDetection ?? {};
  return defined([
    integerProblem(`${what} maxConnections`, pool.maxConnections, 1, 2147483647),
    integerProblem(`${what} http1MaxPendingRequests`, pool.http1MaxPendingRequests, 1, 2147483647),
    integerProblem(`${what} http2MaxRequests`, pool.http2MaxRequests, 1, 2147483647),
    integerProblem(`${what} maxRequestsPerConnection`, pool.maxRequestsPerConnection, 0, 2147483647),
    integerProblem(`${what} maxRetries`, pool.maxRetries, 0, 2147483647),
    integerProblem(`${what} consecutive5xxErrors`, od.consecutive5xxErrors, 0),
    integerProblem(`${what} consecutiveGatewayErrors`, od.consecutiveGatewayErrors, 0),
    percentProblem(`${what} maxEjectionPercent`, od.maxEjectionPercent),
    percentProblem(`${what} minHealthPercent`, od.minHealthPercent),
  ]);
}
