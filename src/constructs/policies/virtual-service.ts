import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { retryTimeoutProblem, routeLabel, weightProblem } from '../../model/traffic/checks';
import { type IstioDuration } from '../../model/traffic/duration';
import {
  type HttpMatchSpec,
  type HttpRouteSpec,
  NETWORKING_API_VERSION,
  type StringMatchSpec,
  type VirtualServiceSpec,
} from '../../model/traffic/networking';
import { type StringMatch } from '../../model/traffic/string-match';
import { RetryOn } from '../../model/traffic/traffic-values';
import { gatewayHostProblems, gatewayReference, type IIstioGateway } from '../gateways/istio-gateway';
import { defined, integerProblem, nameFromHost, namespaceOf, percentProblem, portProblem } from './common';

/** Conditions a request must meet; all given fields must match. */
export interface HttpMatchProps {
  /** Request path, e.g. StringMatch.prefix('/api'). @default - any path */
  readonly uri?: StringMatch;
  /** HTTP method, e.g. StringMatch.exact('GET'). @default - any method */
  readonly method?: StringMatch;
  /** Request headers by (lower-case) name. @default - no header condition */
  readonly headers?: Record<string, StringMatch>;
  /** Headers that must NOT match. @default - no header condition */
  readonly withoutHeaders?: Record<string, StringMatch>;
  /** Query parameters by name. @default - no query condition */
  readonly queryParams?: Record<string, StringMatch>;
  /** Compare the URI case-insensitively. @default false */
  readonly ignoreUriCase?: boolean;
}

/** Where a route sends (a share of) its requests. */
export interface RouteDestinationProps {
  readonly host: string;
  /** A subset of the host defined in its DestinationRule. @default - all endpoints of the host */
  readonly subset?: string;
  /** Service port; needed when the host has several. @default - the host's only port */
  readonly port?: number;
  /** Share of requests in percent; the shares of a route add up to 100. @default 100 for a single destination */
  readonly weight?: number;
}

export interface RetryProps {
  /** Retries after the first try; 0 turns retries off. */
  readonly attempts: number;
  /** Timeout of each try. @default - the route timeout */
  readonly perTryTimeout?: IstioDuration;
  /** @default - Istio's defaults (connect-failure, refused-stream, unavailable, cancelled, 503) */
  readonly retryOn?: readonly RetryOn[];
}

/** Faults injected into a share of the requests (`percentage`, 0-100, defaults to 100: every request). */
export interface FaultProps {
  /** Delays requests before forwarding them. @default - no delay */
  readonly delay?: { readonly fixedDelay: IstioDuration; readonly percentage?: number };
  /** Answers requests with an error status (200-599) instead of forwarding them. @default - no abort */
  readonly abort?: { readonly httpStatus: number; readonly percentage?: number };
}

/** A copy of the traffic sent, fire and forget, to another destination. */
export interface MirrorProps {
  readonly host: string;
  /** @default - all endpoints of the host */
  readonly subset?: string;
  /** @default - the host's only port */
  readonly port?: number;
  /** Share of requests mirrored. @default 100 */
  readonly percentage?: number;
}

export interface HttpRouteProps {
  /** Name shown in stats and logs. @default - unnamed */
  readonly name?: string;
  /** Any one of the matches selects the route. @default - every request */
  readonly match?: readonly HttpMatchProps[];
  readonly destinations: readonly RouteDestinationProps[];
  /** Overall timeout, retries included. @default - none */
  readonly timeout?: IstioDuration;
  /** @default - Istio's default retry policy */
  readonly retries?: RetryProps;
  /** @default - no fault injection */
  readonly fault?: FaultProps;
  /** @default - no mirroring */
  readonly mirror?: MirrorProps;
  /** Rewrites the URI or authority before forwarding. @default - unchanged */
  readonly rewrite?: { readonly uri?: string; readonly authority?: string };
}

export interface VirtualServiceProps {
  /** Hosts the routes apply to, e.g. ['reviews.shop.svc.cluster.local']. */
  readonly hosts: readonly string[];
  /** @default - the first label of the first host */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /**
   * Gateways the routes apply to: IstioGateways by reference, names ('<namespace>/<name>') of gateways outside this
   * app, and 'mesh' for the sidecars (listing any gateway drops the sidecars unless 'mesh' is listed too).
   * @default - sidecars only
   */
  readonly gateways?: readonly (string | IIstioGateway)[];
  /** @default - all namespaces */
  readonly exportTo?: readonly string[];
  /** Routes in order; the first that matches wins. @default - none (add with addHttpRoute) */
  readonly http?: readonly HttpRouteProps[];
}

/** A `VirtualService`: ordered HTTP routes for one or more hosts. */
export class VirtualService extends Construct {
  public readonly apiObject: ApiObject;
  public readonly namespace: string | undefined;
  private readonly extraRoutes: HttpRouteProps[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: VirtualServiceProps,
  ) {
    super(scope, id);
    this.namespace = namespaceOf(this, props.namespace);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'VirtualService',
      metadata: { name: props.name ?? nameFromHost(props.hosts[0]), namespace: this.namespace },
      spec: Lazy.any({ produce: () => renderVirtualService(this.resolveProps()) }),
    });
    this.node.addValidation({ validate: () => virtualServiceProblems(this.resolveProps(), this.namespace) });
  }

  /** Appends a route (after the ones already there: order matters, the first match wins). */
  public addHttpRoute(route: HttpRouteProps): void {
    this.extraRoutes.push(route);
  }

  /** The props in effect at synth time; subclasses may compute them from other state. */
  protected resolveProps(): VirtualServiceProps {
    return { ...this.props, http: [...(this.props.http ?? []), ...this.extraRoutes] };
  }
}

export function renderVirtualService(props: VirtualServiceProps): VirtualServiceSpec {
  return {
    hosts: [...props.hosts],
    ...(props.gateways ? { gateways: props.gateways.map((g) => (typeof g === 'string' ? g : gatewayReference(g))) } : {}),
    ...(props.exportTo ? { exportTo: [...props.exportTo] } : {}),
    http: (props.http ?? []).map(renderRoute),
  };
}

function renderRoute(r: HttpRouteProps): HttpRouteSpec {
  const spec: { -readonly [K in keyof HttpRouteSpec]: HttpRouteSpec[K] } = {};
  if (r.name) spec.name = r.name;
  if (r.match?.length) spec.match = r.match.map(renderMatch);
  spec.route = r.destinations.map((d) => ({
    destination: { host: d.host, ...(d.subset ? { subset: d.subset } : {}), ...(d.port ? { port: { number: d.port } } : {}) },
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
  }));
  if (r.rewrite) spec.rewrite = { ...r.rewrite };
  if (r.timeout) spec.timeout = r.timeout.toString();
  if (r.retries) {
    spec.retries = {
      attempts: r.retries.attempts,
      ...(r.retries.perTryTimeout ? { perTryTimeout: r.retries.perTryTimeout.toString() } : {}),
      ...(r.retries.retryOn?.length ? { retryOn: RetryOn.join(r.retries.retryOn) } : {}),
    };
  }
  if (r.fault) {
    const { delay, abort } = r.fault;
    spec.fault = {
      ...(delay ? { delay: { fixedDelay: delay.fixedDelay.toString(), percentage: { value: delay.percentage ?? 100 } } } : {}),
      ...(abort ? { abort: { httpStatus: abort.httpStatus, percentage: { value: abort.percentage ?? 100 } } } : {}),
    };
  }
  if (r.mirror) {
    const m = r.mirror;
    spec.mirror = { host: m.host, ...(m.subset ? { subset: m.subset } : {}), ...(m.port ? { port: { number: m.port } } : {}) };
    spec.mirrorPercentage = { value: m.percentage ?? 100 };
  }
  return spec;
}

function renderMatch(m: HttpMatchProps): HttpMatchSpec {
  return {
    ...(m.uri ? { uri: m.uri.toSpec() } : {}),
    ...(m.method ? { method: m.method.toSpec() } : {}),
    ...(m.headers ? { headers: matchMap(m.headers) } : {}),
    ...(m.withoutHeaders ? { withoutHeaders: matchMap(m.withoutHeaders) } : {}),
    ...(m.queryParams ? { queryParams: matchMap(m.queryParams) } : {}),
    ...(m.ignoreUriCase ? { ignoreUriCase: true } : {}),
  };
}

function matchMap(map: Record<string, StringMatch>): Record<string, StringMatchSpec> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.toSpec()]));
}

export function virtualServiceProblems(props: VirtualServiceProps, namespace: string | undefined): string[] {
  const problems: string[] = [];
  if (props.hosts.length === 0 || props.hosts.some((h) => !h))
    problems.push("hosts must list at least one non-empty host: e.g. ['reviews.shop.svc.cluster.local']");
  if (!props.name && !nameFromHost(props.hosts[0]))
    problems.push(`host '${props.hosts[0] ?? ''}' gives no valid object name: set \`name\` explicitly`);
  problems.push(...gatewayHostProblems(props.hosts, props.gateways ?? [], namespace));
  const spec = renderVirtualService(props);
  const names = new Set<string>();
  (props.http ?? []).forEach((route, i) => {
    const label = routeLabel(spec.http![i], i);
    if (route.name && names.has(route.name)) problems.push(`${label} is defined twice: give each route a distinct name`);
    if (route.name) names.add(route.name);
    problems.push(...routeProblems(route, label));
    problems.push(...defined([weightProblem(spec.http![i], label), retryTimeoutProblem(spec.http![i], label)]));
  });
  return problems;
}

function routeProblems(r: HttpRouteProps, label: string): string[] {
  const problems: (string | undefined)[] = [];
  if (r.destinations.length === 0) problems.push(`${label} has no destinations: give at least one, e.g. { host: 'reviews' }`);
  for (const d of r.destinations) {
    problems.push(integerProblem(`${label} weight`, d.weight, 0, 100), portProblem(`${label} port`, d.port));
    if (!d.host) problems.push(`${label} has a destination with an empty host: name the service, e.g. 'reviews'`);
  }
  if (r.retries) problems.push(integerProblem(`${label} retry attempts`, r.retries.attempts, 0, 2147483647));
  if (r.fault) {
    if (!r.fault.delay && !r.fault.abort) problems.push(`${label} fault injects nothing: give a delay, an abort, or both`);
    problems.push(percentProblem(`${label} fault delay percentage`, r.fault.delay?.percentage));
    problems.push(percentProblem(`${label} fault abort percentage`, r.fault.abort?.percentage));
    problems.push(integerProblem(`${label} fault abort httpStatus`, r.fault.abort?.httpStatus, 200, 599));
  }
  if (r.mirror) {
    problems.push(percentProblem(`${label} mirror percentage`, r.mirror.percentage), portProblem(`${label} mirror port`, r.mirror.port));
  }
  return defined(problems);
}
