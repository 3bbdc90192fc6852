import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { annotationMapErrors, describeValue, dns1123SubdomainError, labelMapErrors } from '../../model/names';
import { assertShapes, shapeProblem } from '../../model/prop-shapes';
import {
  GATEWAY_API_VERSION,
  hostnameProblem,
  type KubernetesGatewaySpec,
  type ListenerProtocol,
  type ListenerSpec,
} from '../../model/traffic/gateway-api';
import { KIND_PROTOCOLS, supportedKinds } from '../../model/traffic/route-attachment';
import { defined, namespaceOf, portProblem } from '../policies/common';
import { CrossNamespaceGrants } from './reference-grant';

/** A Secret holding a certificate and key (`kubernetes.io/tls`). */
export interface CertificateRef {
  readonly name: string;
  /** @default - the gateway's namespace (another one needs a ReferenceGrant there) */
  readonly namespace?: string;
}

export interface ListenerProps {
  /** @default - `<protocol>-<port>` in lower case, e.g. 'https-443' */
  readonly name?: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  /** Host the listener accepts, e.g. 'shop.example.com' or '*.example.com'. @default - any host */
  readonly hostname?: string;
  /** HTTPS: `Terminate` with certificates (the default); TLS: `Passthrough` (the default) or `Terminate`. */
  readonly tls?: { readonly mode?: 'Terminate' | 'Passthrough'; readonly certificates?: readonly CertificateRef[] };
  /** Which routes may attach: their namespaces and kinds. @default - routes of the gateway's namespace, of every kind the protocol carries */
  readonly allowedRoutes?: ListenerAllowedRoutes;
}

export interface ListenerAllowedRoutes {
  /** Namespaces whose routes may attach: 'Same', 'All', or those whose labels match `selector`. @default 'Same' */
  readonly from?: 'Same' | 'All' | 'Selector';
  readonly selector?: Record<string, string>;
  /**
   * Route kinds that may attach, each one the protocol carries in Istio (HTTP, HTTPS: HTTPRoute, GRPCRoute; TLS:
   * TLSRoute, and TCPRoute when it terminates; TCP: TCPRoute). @default - every kind the protocol carries
   */
  readonly kinds?: readonly ('HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute')[];
}

export interface KubernetesGatewayProps {
  /** A DNS subdomain; Istio names the Deployment and Service it creates `<name>-<class>`. */
  readonly name: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default 'istio' (Istio deploys the gateway proxy itself) */
  readonly gatewayClassName?: string;
  readonly listeners: readonly ListenerProps[];
  /** Labels and annotations for what the class deploys (e.g. the Service). @default - none */
  readonly infrastructure?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  /** Create the ReferenceGrants that certificates of other namespaces need. @default true */
  readonly referenceGrants?: boolean;
}

/** What an HTTPRoute attaches to: a Gateway API Gateway known by name and namespace, and its listeners if known. */
export interface IKubernetesGateway {
  readonly gatewayName: string;
  readonly namespace: string | undefined;
  /** The listeners as rendered; undefined for a gateway outside this app. */
  listenerSpecs(): readonly ListenerSpec[] | undefined;
}

/** A Gateway API `Gateway` (class `istio` by default): listeners with ports, hostnames, TLS and allowed routes. */
export class KubernetesGateway extends Construct implements IKubernetesGateway {
  /** Whether `value` is a KubernetesGateway (of any copy of this library). */
  public static isKubernetesGateway(value: unknown): value is KubernetesGateway {
    return hasBrand(value, 'KubernetesGateway');
  }

  /** A Gateway defined outside this app, for routes to attach to by name. */
  public static fromName(name: string, namespace?: string): IKubernetesGateway {
    return { gatewayName: name, namespace, listenerSpecs: () => undefined };
  }

  static {
    brand(KubernetesGateway, 'KubernetesGateway');
  }

  public readonly apiObject: ApiObject;
  public readonly gatewayName: string;
  public readonly namespace: string | undefined;
  private readonly listeners: ListenerProps[];
  private readonly grants: CrossNamespaceGrants;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: KubernetesGatewayProps,
  ) {
    super(scope, id);
    assertShapes(this.node.path, [shapeProblem(props.listeners, 'object array', 'listeners')]);
    this.gatewayName = props.name;
    this.namespace = namespaceOf(this, props.namespace);
    this.listeners = [];
    this.grants = new CrossNamespaceGrants(
      this,
      { kind: 'Gateway', name: props.name, namespace: this.namespace },
      props.referenceGrants ?? true,
    );
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: { name: props.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    for (const l of props.listeners) this.addListener(l);
    this.node.addValidation({ validate: () => this.problems() });
  }

  public addListener(listener: ListenerProps): void {
    const which = `listener ${this.listeners.length + 1}`;
    assertShapes(this.node.path, [
      shapeProblem(listener, 'object', which),
      shapeProblem(listener?.protocol, 'string', `${which} protocol`),
      shapeProblem(listener?.allowedRoutes?.kinds, 'string array', `${which} allowedRoutes.kinds`, true),
    ]);
    this.listeners.push(listener);
    for (const c of listener.tls?.certificates ?? []) this.grants.add({ group: '', kind: 'Secret', ...c });
  }

  public listenerSpecs(): ListenerSpec[] {
    return this.listeners.map(renderListener);
  }

  public spec(): KubernetesGatewaySpec {
    const infra = this.props.infrastructure;
    return {
      gatewayClassName: this.props.gatewayClassName ?? 'istio',
      listeners: this.listenerSpecs(),
      ...(infra && (infra.labels || infra.annotations) ? { infrastructure: { ...infra } } : {}),
    };
  }

  private problems(): string[] {
    const problems: (string | undefined)[] = [dns1123SubdomainError(this.props.name, 'gateway name')];
    problems.push(...labelMapErrors(this.props.infrastructure?.labels, 'infrastructure label'));
    problems.push(...annotationMapErrors(this.props.infrastructure?.annotations, 'infrastructure annotation'));
    if (this.listeners.length === 0) problems.push("gateway has no listeners: add one, e.g. { port: 80, protocol: 'HTTP' }");
    if (this.listeners.length > 64)
      problems.push(`gateway has ${this.listeners.length} listeners: Gateway API allows 64; split it into several gateways`);
    const names = new Set<string>();
    const combos = new Set<string>();
    for (const spec of this.listenerSpecs()) {
      const what = `listener '${spec.name}'`;
      if (names.has(spec.name)) problems.push(`${what} is defined twice: give each listener its own name`);
      names.add(spec.name);
      const combo = `${spec.port}/${spec.protocol}/${spec.hostname ?? '*'}`;
      if (combos.has(combo))
        problems.push(`${what} repeats port, protocol and hostname of another listener (${combo}): change the hostname or port`);
      combos.add(combo);
      problems.push(...listenerProblems(spec, what));
    }
    return [...defined(problems), ...this.grants.problems()];
  }
}

function renderListener(l: ListenerProps): ListenerSpec {
  const mode = l.tls?.mode ?? (l.protocol === 'TLS' ? 'Passthrough' : 'Terminate');
  const refs = l.tls?.certificates?.map((c) => ({
    group: '',
    kind: 'Secret',
    name: c.name,
    ...(c.namespace ? { namespace: c.namespace } : {}),
  }));
  const { from, selector, kinds } = l.allowedRoutes ?? {};
  const namespaces =
    from || selector ? { from: from ?? 'Same', ...(selector ? { selector: { matchLabels: { ...selector } } } : {}) } : undefined;
  return {
    name: l.name ?? `${l.protocol.toLowerCase()}-${l.port}`,
    ...(l.hostname ? { hostname: l.hostname } : {}),
    port: l.port,
    protocol: l.protocol,
    ...(l.tls ? { tls: { mode, ...(refs?.length ? { certificateRefs: refs } : {}) } } : {}),
    ...(namespaces || kinds?.length
      ? { allowedRoutes: { ...(namespaces ? { namespaces } : {}), ...(kinds?.length ? { kinds: kinds.map((kind) => ({ kind })) } : {}) } }
      : {}),
  };
}

/** The Gateway API's listener rules (its CRD validations), each with the fix. */
function listenerProblems(l: ListenerSpec, what: string): (string | undefined)[] {
  const problems: (string | undefined)[] = [portProblem(`${what} port`, l.port), dns1123SubdomainError(l.name, `${what} name`)];
  if (l.hostname) problems.push(hostnameProblem(l.hostname, `${what} hostname`));
  if (l.hostname && (l.protocol === 'TCP' || l.protocol === 'UDP'))
    problems.push(`${what} is ${l.protocol} and cannot have a hostname: drop it`);
  const tls = l.tls;
  if ((l.protocol === 'HTTP' || l.protocol === 'TCP' || l.protocol === 'UDP') && tls) {
    problems.push(`${what} is ${l.protocol} and cannot have tls: use protocol HTTPS or TLS, or drop tls`);
  }
  if (l.protocol === 'HTTPS' && !tls) problems.push(`${what} is HTTPS without tls: add tls: { certificates: [{ name: '<tls secret>' }] }`);
  if (l.protocol === 'HTTPS' && tls?.mode === 'Passthrough')
    problems.push(`${what} is HTTPS and must terminate tls: use protocol TLS for passthrough`);
  if (l.protocol === 'TLS' && !tls)
    problems.push(`${what} is TLS without tls: add tls: { mode: 'Passthrough' } or certificates to terminate`);
  if (tls?.mode === 'Terminate' && !tls.certificateRefs?.length) {
    problems.push(`${what} terminates tls without certificates: add tls.certificates with the Secret holding the certificate`);
  }
  const ns = l.allowedRoutes?.namespaces;
  if (ns?.from === 'Selector' && !ns.selector)
    problems.push(`${what} allowedRoutes from 'Selector' has no selector: give the namespace labels`);
  if (ns && ns.from !== 'Selector' && ns.selector)
    problems.push(`${what} allowedRoutes has a selector but from '${ns.from}': use from 'Selector'`);
  problems.push(...kindProblems(l, what));
  return problems;
}

/** Kinds the protocol does not carry: Istio marks the listener's route kinds invalid (ResolvedRefs false). */
function kindProblems(l: ListenerSpec, what: string): string[] {
  const carried = (supportedKinds(l) ?? []).map((k) => k.kind);
  return (l.allowedRoutes?.kinds ?? [])
    .filter((k) => !carried.includes(k.kind))
    .map((k) =>
      Object.hasOwn(KIND_PROTOCOLS, k.kind)
        ? `${what} (${l.protocol}) does not carry ${k.kind}, which istio then marks an invalid route kind: ` +
          `list only ${carried.join(', ') || 'no kind'} in allowedRoutes.kinds, or use a listener of protocol ${KIND_PROTOCOLS[k.kind]}`
        : `${what} allowedRoutes kind ${describeValue(k.kind)} is not a route kind istio supports: use ${Object.keys(KIND_PROTOCOLS).join(', ')}`,
    );
}
