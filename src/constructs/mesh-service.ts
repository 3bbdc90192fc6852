import { Construct, type IConstruct } from 'constructs';
import { isRecord } from '../engine/k8s/object';
import { describeValue } from '../model/names';
import { type ClientTls, type LoadBalancer } from '../model/traffic/traffic-values';
import {
  type AbTestOptions,
  type BlueGreenOptions,
  type CanaryOptions,
  type Exposure,
  exposureRouting,
  type ResilienceOptions,
  type RoutingStrategy,
  strategyRoutes,
  strategyVersions,
} from './mesh-service-routing';
import { type IIstioGateway } from './gateways/istio-gateway';
import { integerProblem, namespaceOf } from './policies/common';
import { DestinationRule, type DestinationRuleProps } from './policies/destination-rule';
import {
  type FaultProps,
  type HttpRouteProps,
  type RouteDestinationProps,
  VirtualService,
  type VirtualServiceProps,
} from './policies/virtual-service';
import {
  describeTarget,
  isConstruct,
  type IWorkload,
  type KubeTarget,
  podLabels,
  podsOf,
  servicePorts,
  serviceOf,
} from './workload-target';

export type { AbTestOptions, BlueGreenOptions, CanaryOptions, ResilienceOptions } from './mesh-service-routing';

/** A Service given by name, for services defined outside this app. */
export interface ServiceReference {
  readonly name: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  readonly ports: readonly { readonly name?: string; readonly port: number }[];
}

/**
 * Pods of one version: a workload or Pod (cdk8s-plus of any major from 27, or an ApiObject of such a kind), whose own
 * pod labels pick them, or the labels themselves.
 */
export type VersionPods = IWorkload | Readonly<Record<string, string>>;

export interface MeshServiceProps {
  /** A cdk8s-plus Service (any major from 27), an ApiObject of kind Service, or a ServiceReference. */
  readonly service: IConstruct | ServiceReference;
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

type Port = { readonly name?: string; readonly port: number };

const EXPECTED_SERVICE = 'a Service (a cdk8s-plus Service or an ApiObject of kind Service) or a ServiceReference { name, ports }';
const EXPECTED_PODS = 'a workload or Pod (of cdk8s-plus, or an ApiObject of such a kind) or pod labels';

/**
 * Pod labels that say how a pod is built or joins the mesh, not which version it runs: cdk8s-plus's own
 * selector labels and Istio's injection labels. Subsets taken from a workload leave them out.
 */
const NON_VERSION_LABEL = /^(cdk8s\.io\/|sidecar\.istio\.io\/|istio\.io\/(rev|dataplane-mode)$)/;

/**
 * The mesh's view of one Service: helpers for routing (canary, blue/green, A/B), resilience and fault injection.
 * All helpers write into one DestinationRule and one VirtualService for the host (Istio wants one per host):
 * one routing helper per service; resilience() and injectFault() combine with it and apply to every route.
 * Misuse (a second routing helper, a bad weight) is reported at synth with every other error, with the construct path.
 */
export class MeshService extends Construct {
  /** The host routes and policies are written for. */
  public readonly host: string;
  public readonly namespace: string | undefined;
  private readonly props: MeshServiceProps;
  private readonly serviceName: string;
  /** The service's ports, read at synth (a cdk8s-plus Service may gain ports later). */
  private readonly ports: () => readonly Port[];
  private readonly versions = new Map<string, VersionPods>();
  /** Problems found when helpers were called, reported at synth. */
  private readonly callProblems: string[] = [];
  private readonly serviceProblem?: string;
  private strategy?: RoutingStrategy;
  private resilienceOptions?: ResilienceOptions;
  private fault?: FaultProps;
  private virtualService?: VirtualService;
  private readonly exposures: Exposure[] = [];

  constructor(scope: Construct, id: string, props: MeshServiceProps) {
    super(scope, id);
    this.props = props ?? {};
    const service: unknown = this.props.service;
    const target = isConstruct(service) ? serviceOf(service) : undefined;
    if (target) {
      this.serviceName = target.apiObject.name;
      this.namespace = target.apiObject.metadata.namespace;
      this.ports = () => servicePorts(target);
    } else if (!isConstruct(service) && isRecord(service) && typeof service.name === 'string') {
      const ref = this.props.service as ServiceReference;
      this.serviceName = ref.name;
      this.namespace = namespaceOf(this, ref.namespace);
      this.ports = () => (Array.isArray(ref.ports) ? ref.ports : []);
      if (!Array.isArray(ref.ports)) {
        this.serviceProblem = `service reference '${ref.name}' ports must be a list of { name?, port }, got ${describeValue(ref.ports)}`;
      }
    } else {
      this.serviceName = '';
      this.ports = () => [];
      this.serviceProblem = `service: expected ${EXPECTED_SERVICE}, got ${describeTarget(service)}: pass the Service that selects the versions' pods`;
    }
    this.host = this.namespace
      ? `${this.serviceName}.${this.namespace}.svc.${this.props.clusterDomain ?? 'cluster.local'}`
      : this.serviceName;
    for (const [name, pods] of Object.entries(this.props.versions ?? {})) this.versions.set(name, pods);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Adds a version (subset) after construction. */
  public addVersion(name: string, pods: VersionPods): void {
    if (this.versions.has(name)) {
      this.callProblems.push(`mesh service '${this.serviceName}' already has version '${name}': give the new version another name`);
      return;
    }
    this.versions.set(name, pods);
  }

  /** Sends `weight` percent of requests to `canary`, the rest to `stable`. */
  public canary(options: CanaryOptions): void {
    const problem = integerProblem('canary weight', options.weight, 0, 100);
    if (problem) this.callProblems.push(problem);
    else this.setStrategy({ kind: 'canary', options });
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
    if (this.resilienceOptions) return this.twice('resilience()', 'pass retries, timeout and circuitBreaker in one call');
    this.resilienceOptions = options;
    this.ensureObjects();
  }

  /** Delays or aborts a share of the requests on every route, to test how clients cope. */
  public injectFault(fault: FaultProps): void {
    if (this.fault) return this.twice('injectFault()', 'pass delay and abort in one call');
    this.fault = fault;
    this.ensureObjects();
  }

  /**
   * Routes requests for `hosts` arriving at an IstioGateway to this service, with the same routing and resilience as
   * in-mesh calls (one VirtualService bound to the gateway and to `mesh`). `hosts` defaults to those the gateway offers
   * to the service's namespace (its server hosts without a namespace, or with `*`, `./` in its own, or that namespace).
   */
  public exposeThrough(gateway: IIstioGateway, options: { readonly hosts?: readonly string[] } = {}): void {
    this.exposures.push({ gateway, ...options });
    this.ensureObjects();
  }

  private setStrategy(strategy: RoutingStrategy): void {
    if (this.strategy) {
      return this.twice(
        `${strategy.kind}()`,
        `the service already routes with ${this.strategy.kind}(); its one VirtualService holds one routing helper, so keep one of canary(), blueGreen() and abTest()`,
      );
    }
    this.strategy = strategy;
    this.ensureObjects();
  }

  private twice(what: string, fix: string): void {
    this.callProblems.push(`mesh service '${this.serviceName}': ${what} called a second time: ${fix}`);
  }

  private ensureObjects(): void {
    // Without a service there is no host to write for; the constructor's problem says why.
    if (this.virtualService || this.serviceProblem) return;
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
    const routes = strategyRoutes(this.strategy, to);
    const edge = exposureRouting(this.exposures, this.namespace);
    return {
      hosts: [this.host, ...edge.hosts],
      ...(edge.gateways.length ? { gateways: edge.gateways } : {}),
      name: this.serviceName,
      namespace: this.namespace,
      http: routes.map((r) => ({ ...r, ...policy })),
    };
  }

  private problems(): string[] {
    if (this.serviceProblem) return [this.serviceProblem, ...this.callProblems];
    const problems = [...this.callProblems, ...exposureRouting(this.exposures, this.namespace).problems];
    const port = this.props.port;
    const ports = this.ports();
    if (port !== undefined && !ports.some((p) => p.port === port)) {
      problems.push(
        `port ${port} is not a port of service '${this.serviceName}' (it has ${ports.map((p) => p.port).join(', ') || 'none'}): route to one of those, or add the port to the service`,
      );
    }
    if (port === undefined && ports.length > 1 && this.virtualService) {
      problems.push(
        `service '${this.serviceName}' has several ports (${ports.map((p) => p.port).join(', ')}): set \`port\` to the one routes should use`,
      );
    }
    const s = this.strategy;
    const used = strategyVersions(s);
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
    for (const [name, pods] of this.versions) problems.push(...this.versionProblems(name, pods));
    return problems;
  }

  private versionProblems(name: string, pods: VersionPods): string[] {
    const target = isConstruct(pods) ? podsOf(pods) : undefined;
    if (isConstruct(pods) && !target) return [`version '${name}': expected ${EXPECTED_PODS}, got ${describeTarget(pods)}`];
    if (!target && !isRecord(pods)) return [`version '${name}': expected ${EXPECTED_PODS}, got ${describeValue(pods)}`];
    const problems: string[] = [];
    const podNamespace = target?.apiObject.metadata.namespace;
    if (target && podNamespace !== this.namespace) {
      problems.push(
        `version '${name}' runs in namespace '${podNamespace ?? '<none>'}' but service '${this.serviceName}' is in '${this.namespace ?? '<none>'}': ` +
          'a service only reaches pods of its own namespace; move the workload or the service',
      );
    }
    if (Object.keys(versionLabels(pods)).length === 0) {
      problems.push(`version '${name}' has no pod labels of its own to select by: label its pods, e.g. { version: '${name}' }`);
    }
    return problems;
  }
}

/** Pod labels of a version; a workload's cdk8s-plus and injection labels are left out. */
function versionLabels(pods: VersionPods): Record<string, string> {
  const target: KubeTarget | undefined = isConstruct(pods) ? podsOf(pods) : undefined;
  if (!target) return isConstruct(pods) || !isRecord(pods) ? {} : { ...(pods as Record<string, string>) };
  return Object.fromEntries(Object.entries(podLabels(target)).filter(([k]) => !NON_VERSION_LABEL.test(k)));
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
