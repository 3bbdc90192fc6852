import { type IstioDuration } from '../model/traffic/duration';
import { StringMatch } from '../model/traffic/string-match';
import { hostsOfferedTo, UNSET_NAMESPACE } from '../model/traffic/gateway';
import { gatewayReference, type IIstioGateway } from './gateways/istio-gateway';
import { type ConnectionPoolProps, type OutlierDetectionProps } from './policies/destination-rule';
import { type HttpMatchProps, type HttpRouteProps, type RetryProps, type RouteDestinationProps } from './policies/virtual-service';

/** The routing helpers of MeshService: their options, the versions they name and the routes they make. */

export interface CanaryOptions {
  /** Version that keeps most of the traffic. */
  readonly stable: string;
  /** Version on trial. */
  readonly canary: string;
  /** Percent of requests sent to the canary, 0-100. */
  readonly weight: number;
}

export interface BlueGreenOptions {
  /** Version serving all regular traffic. */
  readonly active: string;
  /** Version reachable only by requests matching `previewMatch`. @default - no preview route */
  readonly preview?: string;
  /** @default - header 'x-preview: true' */
  readonly previewMatch?: HttpMatchProps;
}

export interface AbTestOptions {
  /** Request header that selects the variant, e.g. 'x-user-group'. */
  readonly header: string;
  /** Header value that selects the variant. */
  readonly match: StringMatch;
  /** Version for matching requests. */
  readonly variant: string;
  /** Version for everybody else. */
  readonly control: string;
}

export interface ResilienceOptions {
  /** @default - Istio's default retry policy */
  readonly retries?: RetryProps;
  /** Overall timeout of a request, retries included. @default - none */
  readonly timeout?: IstioDuration;
  /** Eject failing pods and cap load (circuit breaking). @default - none */
  readonly circuitBreaker?: { readonly outlierDetection?: OutlierDetectionProps; readonly connectionPool?: ConnectionPoolProps };
}

export type RoutingStrategy =
  | { readonly kind: 'canary'; readonly options: CanaryOptions }
  | { readonly kind: 'blueGreen'; readonly options: BlueGreenOptions }
  | { readonly kind: 'abTest'; readonly options: AbTestOptions };

/** The versions a strategy routes to, in the order its options name them. */
export function strategyVersions(s: RoutingStrategy | undefined): string[] {
  if (!s) return [];
  if (s.kind === 'canary') return [s.options.stable, s.options.canary];
  if (s.kind === 'blueGreen') return [s.options.active, ...(s.options.preview ? [s.options.preview] : [])];
  return [s.options.variant, s.options.control];
}

/** The HTTP routes of a strategy (one default route without one); `to` makes a destination for a subset. */
export function strategyRoutes(
  s: RoutingStrategy | undefined,
  to: (subset?: string, weight?: number) => RouteDestinationProps,
): HttpRouteProps[] {
  if (!s) return [{ name: 'default', destinations: [to()] }];
  if (s.kind === 'canary') {
    return [{ name: 'canary', destinations: [to(s.options.stable, 100 - s.options.weight), to(s.options.canary, s.options.weight)] }];
  }
  if (s.kind === 'blueGreen') {
    const preview: HttpRouteProps[] = s.options.preview
      ? [
          {
            name: 'preview',
            match: [s.options.previewMatch ?? { headers: { 'x-preview': StringMatch.exact('true') } }],
            destinations: [to(s.options.preview)],
          },
        ]
      : [];
    return [...preview, { name: 'active', destinations: [to(s.options.active)] }];
  }
  return [
    { name: 'variant', match: [{ headers: { [s.options.header]: s.options.match } }], destinations: [to(s.options.variant)] },
    { name: 'control', destinations: [to(s.options.control)] },
  ];
}

/** A gateway a MeshService is exposed through, and the outside hosts it answers there. */
export interface Exposure {
  readonly gateway: IIstioGateway;
  /** @default - the hosts the gateway offers to the service's namespace */
  readonly hosts?: readonly string[];
}

/**
 * The extra hosts and gateways of a service's VirtualService (in `namespace`) when it is exposed through gateways:
 * the sidecars (`mesh`) keep routing the in-mesh host, each gateway routes the outside hosts. A wildcard host would
 * also capture the mesh's own traffic to other services, so it is a problem.
 */
export function exposureRouting(
  exposures: readonly Exposure[],
  namespace: string | undefined,
): {
  hosts: string[];
  gateways: (string | IIstioGateway)[];
  problems: string[];
} {
  if (exposures.length === 0) return { hosts: [], gateways: [], problems: [] };
  const chosen = exposures.map((e) => (e.hosts ? givenHosts(e.hosts) : offeredHosts(e.gateway, namespace ?? UNSET_NAMESPACE)));
  const hosts = [...new Set(chosen.flatMap((c) => c.hosts))];
  const problems = chosen.flatMap((c) => (c.problem ? [c.problem] : []));
  problems.push(
    ...hosts
      .filter((h) => h.includes('*'))
      .map(
        (h) =>
          `exposeThrough(): host '${h}' is a wildcard and would capture the mesh's traffic to other services: pass the service's outside hosts, e.g. { hosts: ['shop.example.com'] }`,
      ),
  );
  // A gateway without hosts for the service is left unbound: the VirtualService's own host check would repeat the problem.
  const bound = exposures.filter((_, i) => !chosen[i].problem).map((e) => e.gateway);
  return { hosts, gateways: ['mesh', ...bound], problems };
}

function givenHosts(hosts: readonly string[]): { hosts: readonly string[]; problem?: string } {
  if (hosts.length > 0) return { hosts };
  return { hosts, problem: "exposeThrough(): hosts is empty: pass the service's outside hosts, or leave hosts out for the gateway's" };
}

/** The hosts a gateway offers to VirtualServices of `namespace` (Istio ignores a route for any other host). */
function offeredHosts(gateway: IIstioGateway, namespace: string): { hosts: readonly string[]; problem?: string } {
  const serverHosts = gateway.serverHosts ?? gateway.hosts;
  if (serverHosts.length === 0)
    return {
      hosts: [],
      problem: `exposeThrough(): gateway '${gatewayReference(gateway)}' has no hosts yet: add a server to it, or pass \`hosts\``,
    };
  const hosts = hostsOfferedTo(serverHosts, gateway.namespace ?? UNSET_NAMESPACE, namespace);
  if (hosts.length > 0) return { hosts };
  return {
    hosts,
    problem:
      `exposeThrough(): gateway '${gatewayReference(gateway)}' offers none of its hosts (${serverHosts.join(', ')}) to namespace '${namespace}': ` +
      `add a server host '${namespace}/<host>' or '*/<host>' to the gateway, or pass \`hosts\``,
  };
}
