import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { dns1123LabelError, labelMapErrors } from '../../model/names';
import { assertShapes, shapeProblem } from '../../model/prop-shapes';
import {
  gatewayServesHosts,
  type GatewaySpec,
  serverProblems,
  type ServerProtocol,
  type ServerSpec,
  type ServerTls,
  UNSET_NAMESPACE,
} from '../../model/traffic/gateway';
import { NETWORKING_API_VERSION } from '../../model/traffic/networking';
import { defined, namespaceOf, portProblem } from '../policies/common';
import { type IGatewayDeployment } from './gateway-deployment';

/** One port of the gateway and the hosts it accepts there. */
export interface GatewayServerProps {
  /** Port the gateway proxy listens on (a target port of the gateway's Service). */
  readonly port: number;
  readonly protocol: ServerProtocol;
  /** @default - `<protocol>-<port>` in lower case, e.g. 'https-443' */
  readonly portName?: string;
  /**
   * Hosts accepted on the port: DNS names, wildcards ('*.example.com', '*'), optionally prefixed with the namespace
   * whose routes may bind ('shop/www.example.com').
   */
  readonly hosts: readonly string[];
  /** Required for HTTPS and TLS; on HTTP only `ServerTls.httpsRedirect()`. @default - none */
  readonly tls?: ServerTls;
  /** Name shown in stats. @default - unnamed */
  readonly name?: string;
  /** IP address or unix socket to bind to. @default - all addresses */
  readonly bind?: string;
}

export interface IstioGatewayProps {
  /** The gateway deployment whose pods serve this Gateway (its pod labels become the selector). */
  readonly gateway?: IGatewayDeployment;
  /** Pod labels of a gateway deployment not defined in this app; use instead of `gateway`. @default - from `gateway` */
  readonly selector?: Readonly<Record<string, string>>;
  /** A DNS label (no dots). @default - the gateway deployment's name */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default - none (add with addServer) */
  readonly servers?: readonly GatewayServerProps[];
}

/** What routes bind to: an Istio Gateway known by name and namespace. */
export interface IIstioGateway {
  readonly gatewayName: string;
  readonly namespace: string | undefined;
  /** Hosts of all servers, without their namespace prefix. */
  readonly hosts: readonly string[];
  /**
   * Hosts of all servers as written, with their namespace prefix ('shop/www.example.com'), to judge which namespaces'
   * routes the gateway uses. @default - `hosts`, offered to every namespace
   */
  readonly serverHosts?: readonly string[];
}

/**
 * A `networking.istio.io/v1` Gateway: the ports and hosts a gateway deployment accepts, selecting that deployment's
 * pods by reference. Bind routes to it with `VirtualService`'s `gateways` or `MeshService.exposeThrough()`.
 */
export class IstioGateway extends Construct implements IIstioGateway {
  /** Whether `value` is an IstioGateway (of any copy of this library). */
  public static isIstioGateway(value: unknown): value is IstioGateway {
    return hasBrand(value, 'IstioGateway');
  }

  static {
    brand(IstioGateway, 'IstioGateway');
  }

  public readonly apiObject: ApiObject;
  public readonly gatewayName: string;
  public readonly namespace: string | undefined;
  /** The gateway deployment given by reference, if any. */
  public readonly deployment?: IGatewayDeployment;
  private readonly servers: GatewayServerProps[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: IstioGatewayProps,
  ) {
    super(scope, id);
    this.deployment = props.gateway;
    this.gatewayName = props.name ?? props.gateway?.name ?? '';
    this.namespace = namespaceOf(this, props.namespace);
    assertShapes(this.node.path, [shapeProblem(props.servers, 'object array', 'servers', true)]);
    this.servers = [];
    for (const server of props.servers ?? []) this.addServer(server);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'Gateway',
      metadata: { name: this.gatewayName, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Adds a server (a port and its hosts). */
  public addServer(server: GatewayServerProps): void {
    const which = `server ${this.servers.length + 1}`;
    assertShapes(this.node.path, [
      shapeProblem(server, 'object', which),
      shapeProblem(server?.hosts, 'string array', `${which} hosts`),
      shapeProblem(server?.protocol, 'string', `${which} protocol`),
    ]);
    this.servers.push(server);
  }

  /** Pod labels the Gateway selects. */
  public get selector(): Readonly<Record<string, string>> {
    return this.props.selector ?? this.props.gateway?.podSelector ?? {};
  }

  public get hosts(): readonly string[] {
    const names = this.servers.flatMap((s) => s.hosts.map((h) => h.slice(h.indexOf('/') + 1)));
    return [...new Set(names)];
  }

  public get serverHosts(): readonly string[] {
    return [...new Set(this.servers.flatMap((s) => s.hosts))];
  }

  /** The spec as rendered. */
  public spec(): GatewaySpec {
    return { selector: { ...this.selector }, servers: this.servers.map(renderServer) };
  }

  private problems(): string[] {
    const problems: (string | undefined)[] = [];
    if (!this.gatewayName) problems.push('gateway has no name: set `name`, or pass `gateway` to take its name');
    else problems.push(dns1123LabelError(this.gatewayName, 'gateway name'));
    if (this.props.gateway && this.props.selector) {
      problems.push('gateway and selector are both set: pass the gateway deployment, or (for one outside this app) only its pod labels');
    } else if (!this.props.gateway && !this.props.selector) {
      problems.push(
        "gateway selects no pods: pass `gateway` (an IngressGateway or EgressGateway), or `selector` with its pod labels, e.g. { istio: 'ingressgateway' }",
      );
    } else if (Object.keys(this.selector).length === 0) {
      problems.push('selector {} would select every gateway pod: give the pod labels of one gateway deployment');
    }
    problems.push(...labelMapErrors(this.props.selector, 'selector label'));
    if (this.servers.length === 0) problems.push('gateway has no servers: add one, e.g. { port: 80, protocol: "HTTP", hosts: ["*"] }');
    const portNames = new Map<string, number>();
    this.servers.forEach((s, i) => {
      const spec = renderServer(s);
      const what = `server ${spec.port.name} (#${i + 1})`;
      problems.push(portProblem(`${what} port`, s.port), ...serverProblems(spec, what));
      if (portNames.has(spec.port.name)) {
        problems.push(
          `${what} reuses port name '${spec.port.name}' of server #${portNames.get(spec.port.name)}: give each server its own portName`,
        );
      } else portNames.set(spec.port.name, i + 1);
    });
    return defined(problems);
  }
}

function renderServer(s: GatewayServerProps): ServerSpec {
  return {
    port: { number: s.port, name: s.portName ?? `${s.protocol.toLowerCase()}-${s.port}`, protocol: s.protocol },
    hosts: [...s.hosts],
    ...(s.name ? { name: s.name } : {}),
    ...(s.bind ? { bind: s.bind } : {}),
    ...(s.tls ? { tls: s.tls.toSpec() } : {}),
  };
}

/** How a route names a gateway: `<namespace>/<name>`, or the bare name when the gateway's namespace is unknown. */
export function gatewayReference(gateway: IIstioGateway): string {
  return gateway.namespace ? `${gateway.namespace}/${gateway.gatewayName}` : gateway.gatewayName;
}

/**
 * Routes (of `routeNamespace`) whose hosts no server of a bound gateway offers to their namespace are never used by
 * that gateway (requests get 404): judged by the same rule as the analysis (IST0132).
 */
export function gatewayHostProblems(
  routeHosts: readonly string[],
  gateways: readonly (string | IIstioGateway)[],
  routeNamespace: string | undefined,
): string[] {
  const namespace = routeNamespace ?? UNSET_NAMESPACE;
  return gateways
    .filter((g): g is IIstioGateway => typeof g !== 'string')
    .flatMap((g) => {
      const serverHosts = g.serverHosts ?? g.hosts;
      // No hosts known: a gateway without servers is its own error, one defined elsewhere is not judged.
      if (serverHosts.length === 0) return [];
      const { served, offered } = gatewayServesHosts(routeHosts, serverHosts, g.namespace ?? UNSET_NAMESPACE, namespace);
      if (served) return [];
      return [
        `hosts ${routeHosts.join(', ')} match no host that gateway '${gatewayReference(g)}' accepts from namespace '${namespace}' ` +
          `(${offered.join(', ') || 'none'}; its servers have ${serverHosts.join(', ')}): ` +
          `add one of the hosts to a server of the gateway (as 'host', '*/host' or '${namespace}/host'), or correct the route's hosts`,
      ];
    });
}
