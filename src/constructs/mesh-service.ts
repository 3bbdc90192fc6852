import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import { type IstioDuration } from '../model/traffic/duration';
import { StringMatch } from '../model/traffic/string-match';
import { type ClientTls, type LoadBalancer } from '../model/traffic/traffic-values';
import { UserError } from '../errors';
import {
  type ConnectionPoolProps,
  DestinationRule,
  type DestinationRuleProps,
  type OutlierDetectionProps,
} from './policies/destination-rule';
import {
  type FaultProps,
  type HttpMatchProps,
  type HttpRouteProps,
  type RetryProps,
  type RouteDestinationProps,
  VirtualService,
  type VirtualServiceProps,
} from './policies/virtual-service';
import { integerProblem, namespaceOf } from './policies/common';

/** A Service given by name, for services defined outside this app. */
export interface ServiceReference {
  readonly name: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  readonly ports: readonly { readonly name?: string; readonly port: number }[];
}

/** Pods of one version: a cdk8s-plus workload (its own pod labels pick them) or the labels themselves. */
export type VersionPods = kplus.AbstractPod | Record<string, string>;

export interface MeshServiceProps {
  readonly service: kplus.Service | ServiceReference;
  /** Versions by subset name, e.g. { v1: deploymentV1, v2: { version: 'v2' } }. @default - none */
  readonly versions?: Record<string, VersionPods>;
  /** Service port that routes go to. @default - the service's port; required when it has several */
  readonly port?: number;
  /** DNS suffix of the cluster, for the host's full name. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** @default LoadBalancer.leastRequest() (Istio's default) */
  readonly loadBalancer?: LoadBalancer;
  /** TLS from clients to this service. @default ClientTls.istioMutual() */
  readonly tls?: ClientTls;
}

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

type RoutingStrategy =
  | { readonly kind: 'canary'; readonly options: CanaryOptions }
  | { readonly kind: 'blueGreen'; readonly options: BlueGreenOptions }
  | { readonly kind: 'abTest'; readonly options: AbTestOptions };

/**
 * Pod labels that say how a pod is built or joins the mesh, not which version it runs: cdk8s-plus's own
 * selector labels and Istio's injection labels. Subsets taken from a workload leave them out.
 */
const NON_VERSION_LABEL = /^(cdk8s\.io\/|sidecar\.istio\.io\/|istio\.io\/(rev|dataplane-mode)$)/;

/**
 * The mesh's view of one Service: helpers for routing (canary, blue/green, A/B), resilience and fault injection.
 * All helpers write into one DestinationRule and one VirtualService for the host (Istio wants one per host):
 * one routing helper per service; resilience() and injectFault() combine with it and apply to every route.
 */
export class MeshService extends Construct {
  /** The host routes and policies are written for. */
  public readonly host: string;
  public readonly namespace: string | undefined;
  private readonly serviceName: string;
  private readonly ports: readonly { readonly name?: string; readonly port: number }[];
  private readonly versions = new Map<string, VersionPods>();
  private strategy?: RoutingStrategy;
  private resilienceOptions?: ResilienceOptions;
  private fault?: FaultProps;
  private virtualService?: VirtualService;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MeshServiceProps,
  ) {
    super(scope, id);
    const service = props.service;
    if (service instanceof kplus.Service) {
      this.serviceName = service.name;
      this.namespace = service.metadata.namespace;
      this.ports = service.ports.map((p) => ({ name: p.name, port: p.port }));
    } else {
      this.serviceName = service.name;
      this.namespace = namespaceOf(this, service.namespace);
      this.ports = service.ports;
    }
    this.host = this.namespace ? `${this.serviceName}.${this.namespace}.svc.${props.clusterDomain ?? 'cluster.local'}` : this.serviceName;
    for (const [name, pods] of Object.entries(props.versions ?? {})) this.versions.set(name, pods);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Adds a version (subset) after construction. */
  public addVersion(name: string, pods: VersionPods): void {
    if (this.versions.has(name))
      throw new UserError(`mesh service '${this.serviceName}' already has version '${name}': give the new version another name`);
    this.versions.set(name, pods);
  }

  /** Sends `weight` percent of requests to `canary`, the rest to `stable`. */
  public canary(options: CanaryOptions): void {
    const problem = integerProblem('canary weight', options.weight, 0, 100);
    if (problem) throw new UserError(`[${this.node.path}] ${problem}`);
    this.setStrategy({ kind: 'canary', options });
  }

  /** Sends all requests to `active`; requests matching `previewMatch` go to `preview`. */
  public blueGreen(options: BlueGreenOptions): void {
    this.setStrategy({ kind: 'blueGreen', options });
  }

  /** Sends requests whose `header` matches to `variant`, the others to `control`. */
  public abTest(options: AbTestOptions): void {
    this.setStrategy({ kind: 'abTest', options });
  }

  /** Retries and timeout on every route, circuit breaking on the destination. */
  public resilience(options: ResilienceOptions): void {
    if (this.resilienceOptions) throw this.twice('resilience()', 'pass retries, timeout and circuitBreaker in one call');
    this.resilienceOptions = options;
    this.ensureObjects();
  }

  /** Delays or aborts a share of the requests on every route, to test how clients cope. */
  public injectFault(fault: FaultProps): void {
    if (this.fault) throw this.twice('injectFault()', 'pass delay and abort in one call');
    this.fault = fault;
    this.ensureObjects();
  }

  private setStrategy(strategy: RoutingStrategy): void {
    if (this.strategy) {
      throw this.twice(
        `${strategy.kind}()`,
        `the service already routes with ${this.strategy.kind}(); its one VirtualService holds one routing helper, so keep one of canary(), blueGreen() and abTest()`,
      );
    }
    this.strategy = strategy;
    this.ensureObjects();
  }

  private twice(what: string, fix: string): UserError {
    return new UserError(`[${this.node.path}] mesh service '${this.serviceName}': ${what} called a second time: ${fix}`);
  }

  private ensureObjects(): void {
    if (this.virtualService) return;
    new ComputedDestinationRule(this, 'DestinationRule', () => this.destinationRuleProps());
    this.virtualService = new ComputedVirtualService(this, 'VirtualService', () => this.virtualServiceProps());
  }

  private destinationRuleProps(): DestinationRuleProps {
    const breaker = this.resilienceOptions?.circuitBreaker;
    return {
      host: this.host,
      name: this.serviceName,
      namespace: this.namespace,
      tls: this.props.tls,
      loadBalancer: this.props.loadBalancer,
      outlierDetection: breaker?.outlierDetection,
      connectionPool: breaker?.connectionPool,
      subsets: [...this.versions].map(([name, pods]) => ({ name, labels: versionLabels(pods) })),
    };
  }

  private virtualServiceProps(): VirtualServiceProps {
    const to = (subset?: string, weight?: number): RouteDestinationProps => ({
      host: this.host,
      ...(subset ? { subset } : {}),
      ...(this.props.port ? { port: this.props.port } : {}),
      ...(weight !== undefined ? { weight } : {}),
    });
    const policy: Partial<HttpRouteProps> = {
      ...(this.resilienceOptions?.retries ? { retries: this.resilienceOptions.retries } : {}),
      ...(this.resilienceOptions?.timeout ? { timeout: this.resilienceOptions.timeout } : {}),
      ...(this.fault ? { fault: this.fault } : {}),
    };
    const s = this.strategy;
    let routes: HttpRouteProps[];
    if (!s) {
      routes = [{ name: 'default', destinations: [to()] }];
    } else if (s.kind === 'canary') {
      routes = [{ name: 'canary', destinations: [to(s.options.stable, 100 - s.options.weight), to(s.options.canary, s.options.weight)] }];
    } else if (s.kind === 'blueGreen') {
      const preview: HttpRouteProps[] = s.options.preview
        ? [
            {
              name: 'preview',
              match: [s.options.previewMatch ?? { headers: { 'x-preview': StringMatch.exact('true') } }],
              destinations: [to(s.options.preview)],
            },
          ]
        : [];
      routes = [...preview, { name: 'active', destinations: [to(s.options.active)] }];
    } else {
      routes = [
        { name: 'variant', match: [{ headers: { [s.options.header]: s.options.match } }], destinations: [to(s.options.variant)] },
        { name: 'control', destinations: [to(s.options.control)] },
      ];
    }
    return { hosts: [this.host], name: this.serviceName, namespace: this.namespace, http: routes.map((r) => ({ ...r, ...policy })) };
  }

  private problems(): string[] {
    const problems: string[] = [];
    const port = this.props.port;
    if (port !== undefined && !this.ports.some((p) => p.port === port)) {
      problems.push(
        `port ${port} is not a port of service '${this.serviceName}' (it has ${this.ports.map((p) => p.port).join(', ') || 'none'}): route to one of those, or add the port to the service`,
      );
    }
    if (port === undefined && this.ports.length > 1 && this.virtualService) {
      problems.push(
        `service '${this.serviceName}' has several ports (${this.ports.map((p) => p.port).join(', ')}): set \`port\` to the one routes should use`,
      );
    }
    const s = this.strategy;
    const used = !s
      ? []
      : s.kind === 'canary'
        ? [s.options.stable, s.options.canary]
        : s.kind === 'blueGreen'
          ? [s.options.active, ...(s.options.preview ? [s.options.preview] : [])]
          : [s.options.variant, s.options.control];
    for (const version of used) {
      if (!this.versions.has(version)) {
        problems.push(
          `${s!.kind}() names version '${version}', which is not defined (known: ${[...this.versions.keys()].join(', ') || 'none'}): add it to \`versions\` or call addVersion()`,
        );
      }
    }
    if (s && new Set(used).size !== used.length) problems.push(`${s.kind}() names version '${used[0]}' twice: give two different versions`);
    if (s?.kind === 'abTest' && !s.options.header)
      problems.push("abTest() header '' is empty: name the request header that picks the variant, e.g. 'x-user-group'");
    for (const [name, pods] of this.versions) {
      if (pods instanceof kplus.AbstractPod && pods.metadata.namespace !== this.namespace) {
        problems.push(
          `version '${name}' runs in namespace '${pods.metadata.namespace ?? '<none>'}' but service '${this.serviceName}' is in '${this.namespace ?? '<none>'}': ` +
            'a service only reaches pods of its own namespace; move the workload or the service',
        );
      }
      if (Object.keys(versionLabels(pods)).length === 0) {
        problems.push(`version '${name}' has no pod labels of its own to select by: label its pods, e.g. { version: '${name}' }`);
      }
    }
    return problems;
  }
}

/** Pod labels of a version; a workload's cdk8s-plus and injection labels are left out. */
function versionLabels(pods: VersionPods): Record<string, string> {
  if (!(pods instanceof kplus.AbstractPod)) return { ...pods };
  const labels: Record<string, string> = pods.podMetadata.toJson().labels ?? {};
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !NON_VERSION_LABEL.test(k)));
}

/** A DestinationRule whose props are computed at synth time, so later helper calls still count. */
class ComputedDestinationRule extends DestinationRule {
  constructor(
    scope: Construct,
    id: string,
    private readonly compute: () => DestinationRuleProps,
  ) {
    super(scope, id, compute());
  }

  protected resolveProps(): DestinationRuleProps {
    return this.compute();
  }
}

/** A VirtualService whose props are computed at synth time, so later helper calls still count. */
class ComputedVirtualService extends VirtualService {
  constructor(
    scope: Construct,
    id: string,
    private readonly compute: () => VirtualServiceProps,
  ) {
    super(scope, id, compute());
  }

  protected resolveProps(): VirtualServiceProps {
    return this.compute();
  }
}
