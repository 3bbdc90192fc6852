import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { dns1123SubdomainError, labelMapErrors } from '../../model/names';
import { assertShapes, shapeProblem } from '../../model/prop-shapes';
import { NETWORKING_API_VERSION } from '../../model/traffic/networking';
import {
  serviceEntryProblems,
  type ServiceEntryLocation,
  type ServiceEntryProtocol,
  type ServiceEntryResolution,
  type ServiceEntrySpec,
  type WorkloadEntrySpec,
} from '../../model/traffic/service-entry';
import { defined, integerProblem, namespaceOf, portProblem } from './common';

export interface ServiceEntryPortProps {
  readonly number: number;
  readonly protocol: ServiceEntryProtocol;
  /** @default - `<protocol>-<number>` in lower case, e.g. 'https-443' */
  readonly name?: string;
  /** Port on the endpoints, when it differs from `number`. @default - `number` */
  readonly targetPort?: number;
}

export interface ServiceEntryEndpointProps {
  /** IP address (resolution STATIC) or DNS name (resolution DNS). */
  readonly address: string;
  /** Endpoint ports by service entry port name. @default - the service entry's ports */
  readonly ports?: Record<string, number>;
  /** @default - no labels */
  readonly labels?: Record<string, string>;
  /** Load-balancing weight. @default - equal */
  readonly weight?: number;
}

export interface ServiceEntryProps {
  /** Hosts added to the mesh's registry, e.g. ['api.example.com'] or ['*.example.com']. */
  readonly hosts: readonly string[];
  readonly ports: readonly ServiceEntryPortProps[];
  /** @default - the first host, with '*' spelled 'wildcard' */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** How the proxy finds the endpoints. @default 'DNS' */
  readonly resolution?: ServiceEntryResolution;
  /** Outside the mesh (no mTLS to it) or part of it. @default 'MESH_EXTERNAL' */
  readonly location?: ServiceEntryLocation;
  /** @default - the hosts themselves (DNS) */
  readonly endpoints?: readonly ServiceEntryEndpointProps[];
  /** Virtual IPs or CIDR ranges of the service. @default - none */
  readonly addresses?: readonly string[];
  /** Namespaces that see the entry ('.' own, '*' all). @default - all namespaces */
  readonly exportTo?: readonly string[];
}

/**
 * A `ServiceEntry`: adds hosts outside the cluster to the mesh's registry, so a REGISTRY_ONLY mesh lets workloads
 * call them and routes, policies and an egress gateway can apply to them.
 */
export class ServiceEntry extends Construct {
  public readonly apiObject: ApiObject;
  public readonly namespace: string | undefined;
  public readonly hosts: readonly string[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServiceEntryProps,
  ) {
    super(scope, id);
    assertShapes(this.node.path, [
      shapeProblem(props.hosts, 'string array', 'hosts'),
      shapeProblem(props.ports, 'object array', 'ports'),
      ...(Array.isArray(props.ports) ? props.ports.map((p, i) => shapeProblem(p?.protocol, 'string', `ports[${i}].protocol`)) : []),
      shapeProblem(props.endpoints, 'object array', 'endpoints', true),
      shapeProblem(props.addresses, 'string array', 'addresses', true),
      shapeProblem(props.exportTo, 'string array', 'exportTo', true),
    ]);
    this.hosts = [...props.hosts];
    this.namespace = namespaceOf(this, props.namespace);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'ServiceEntry',
      metadata: { name: this.entryName, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  public get entryName(): string {
    return this.props.name ?? (this.props.hosts[0] ?? '').replace(/\*/g, 'wildcard');
  }

  /** The ports as rendered (names filled in). */
  public get ports(): readonly { readonly number: number; readonly protocol: ServiceEntryProtocol; readonly name: string }[] {
    return this.props.ports.map((p) => ({
      number: p.number,
      protocol: p.protocol,
      name: p.name ?? `${p.protocol.toLowerCase()}-${p.number}`,
    }));
  }

  public spec(): ServiceEntrySpec {
    const p = this.props;
    const endpoints: WorkloadEntrySpec[] | undefined = p.endpoints?.map((e) => ({
      address: e.address,
      ...(e.ports ? { ports: { ...e.ports } } : {}),
      ...(e.labels ? { labels: { ...e.labels } } : {}),
      ...(e.weight !== undefined ? { weight: e.weight } : {}),
    }));
    return {
      hosts: [...p.hosts],
      ...(p.addresses ? { addresses: [...p.addresses] } : {}),
      ports: this.props.ports.map((port, i) => ({
        ...this.ports[i],
        ...(port.targetPort !== undefined ? { targetPort: port.targetPort } : {}),
      })),
      location: p.location ?? 'MESH_EXTERNAL',
      resolution: p.resolution ?? 'DNS',
      ...(endpoints ? { endpoints } : {}),
      ...(p.exportTo ? { exportTo: [...p.exportTo] } : {}),
    };
  }

  private problems(): string[] {
    const problems: (string | undefined)[] = [dns1123SubdomainError(this.entryName, 'service entry name')];
    if (this.props.ports.length === 0)
      problems.push("service entry has no ports: list the ports called, e.g. { number: 443, protocol: 'TLS' }");
    for (const port of this.props.ports) {
      problems.push(portProblem('service entry port', port.number), portProblem('service entry targetPort', port.targetPort));
    }
    for (const e of this.props.endpoints ?? []) {
      problems.push(
        integerProblem(`endpoint '${e.address}' weight`, e.weight, 0),
        ...labelMapErrors(e.labels, `endpoint '${e.address}' label`),
      );
      for (const [name, port] of Object.entries(e.ports ?? {})) problems.push(portProblem(`endpoint '${e.address}' port ${name}`, port));
    }
    return [...defined(problems), ...serviceEntryProblems(this.spec())];
  }
}
