import { type IstioDuration } from '../model/traffic/duration';
import { StringMatch } from '../model/traffic/string-match';
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
