import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NETWORKING_API_VERSION } from '../../model/traffic/networking';
import { ServerTls } from '../../model/traffic/gateway';
import { defined, namespaceOf, portProblem } from '../policies/common';
import { ServiceEntry } from '../policies/service-entry';
import { type IGatewayDeployment } from './gateway-deployment';
import { gatewayReference, IstioGateway } from './istio-gateway';

export interface EgressRouteProps {
  /** The egress gateway all calls to `host` leave the mesh through. */
  readonly gateway: IGatewayDeployment;
  /** The external host, e.g. 'api.example.com'. */
  readonly host: string;
  /** 'TLS': the app speaks HTTPS itself and the gateway forwards it by SNI; 'HTTP': plain HTTP. @default 'TLS' */
  readonly protocol?: 'TLS' | 'HTTP';
  /** The port called, which must be a port of the gateway's Service. @default 443 for TLS, 80 for HTTP */
  readonly port?: number;
  /** The ServiceEntry that registers `host`. @default - one is created for the host and port */
  readonly serviceEntry?: ServiceEntry;
  /** Namespace of the Gateway, DestinationRule, VirtualService (and ServiceEntry). @default - the chart's namespace */
  readonly namespace?: string;
  /** @default 'cluster.local' */
  readonly clusterDomain?: string;
}

interface RouteSpec {
  readonly match: readonly Record<string, unknown>[];
  readonly route: readonly { readonly destination: Record<string, unknown>; readonly weight: number }[];
}

/**
 * Sends the mesh's calls to one external host through an egress gateway, Istio's documented pattern: a ServiceEntry
 * for the host, a Gateway on the egress gateway for it, a DestinationRule for the gateway's Service, and one
 * VirtualService bound to `mesh` (sidecars → egress gateway) and to the Gateway (egress gateway → host).
 */
export class EgressRoute extends Construct {
  public readonly serviceEntry: ServiceEntry;
  public readonly istioGateway: IstioGateway;
  public readonly namespace: string | undefined;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: EgressRouteProps,
  ) {
    super(scope, id);
    this.namespace = namespaceOf(this, props.namespace);
    const protocol = props.protocol ?? 'TLS';
    const port = this.port;
    const base = props.host
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    const name = `${base}-egress`.slice(0, 63).replace(/-+$/, '');
    this.serviceEntry =
      props.serviceEntry ??
      new ServiceEntry(this, 'ServiceEntry', {
        name: base,
        namespace: this.namespace,
        hosts: [props.host],
        ports: [{ number: port, protocol, name: `${protocol.toLowerCase()}-${port}` }],
      });
    this.istioGateway = new IstioGateway(this, 'Gateway', {
      name,
      namespace: this.namespace,
      gateway: props.gateway,
      servers: [
        {
          port: this.gatewayTargetPort(),
          protocol,
          hosts: [props.host],
          ...(protocol === 'TLS' ? { tls: ServerTls.passthrough() } : {}),
        },
      ],
    });
    const gatewayHost = `${props.gateway.serviceName}.${props.gateway.namespace}.svc.${props.clusterDomain ?? 'cluster.local'}`;
    new ApiObject(this, 'DestinationRule', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'DestinationRule',
      metadata: { name, namespace: this.namespace },
      // The subset carries no labels: it only names this host's path through the gateway, as Istio's docs do.
      spec: { host: gatewayHost, subsets: [{ name: base }] },
    });
    const toGateway = { host: gatewayHost, subset: base, port: { number: port } };
    const toHost = { host: props.host, port: { number: port } };
    const gw = gatewayReference(this.istioGateway);
    const sni = protocol === 'TLS' ? { sniHosts: [props.host] } : {};
    const routes: RouteSpec[] = [
      { match: [{ gateways: ['mesh'], port, ...sni }], route: [{ destination: toGateway, weight: 100 }] },
      { match: [{ gateways: [gw], port: this.gatewayTargetPort(), ...sni }], route: [{ destination: toHost, weight: 100 }] },
    ];
    new ApiObject(this, 'VirtualService', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'VirtualService',
      metadata: { name, namespace: this.namespace },
      spec: { hosts: [props.host], gateways: [gw, 'mesh'], [protocol === 'TLS' ? 'tls' : 'http']: routes },
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  private get port(): number {
    return this.props.port ?? ((this.props.protocol ?? 'TLS') === 'TLS' ? 443 : 80);
  }

  /** The port the gateway proxy listens on for `port`: the Service port's target port. */
  private gatewayTargetPort(): number {
    const servicePort = this.props.gateway.servicePorts.find((p) => p.port === this.port);
    return servicePort?.targetPort ?? this.port;
  }

  private problems(): string[] {
    const { gateway, host, serviceEntry } = this.props;
    const problems: (string | undefined)[] = [portProblem('egress port', this.port)];
    if (gateway.direction !== 'egress') {
      problems.push(`gateway '${gateway.name}' is an ${gateway.direction} gateway: route external hosts through an EgressGateway`);
    }
    if (!gateway.servicePorts.some((p) => p.port === this.port)) {
      problems.push(
        `port ${this.port} is not a port of egress gateway service '${gateway.serviceName}' (it has ${gateway.servicePorts.map((p) => p.port).join(', ')}): ` +
          "add it to the gateway's service ports, or call the host on one of those",
      );
    }
    if (serviceEntry && !serviceEntry.hosts.includes(host)) {
      problems.push(`serviceEntry '${serviceEntry.entryName}' does not list host '${host}': add it to its hosts`);
    }
    if (serviceEntry && !serviceEntry.ports.some((p) => p.number === this.port)) {
      problems.push(`serviceEntry '${serviceEntry.entryName}' has no port ${this.port}: add it to its ports`);
    }
    return defined(problems);
  }
}
