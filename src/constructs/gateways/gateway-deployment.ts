import { type IConstruct } from 'constructs';

/** A port of a gateway's Service. */
export interface GatewayServicePort {
  readonly name?: string;
  readonly port: number;
  /** The container port traffic goes to. @default - same as `port` */
  readonly targetPort?: number;
  readonly protocol?: string;
}

/**
 * A gateway proxy deployment that routing resources bind to by reference (IngressGateway, EgressGateway), so no one
 * copies its pod labels or ports by hand.
 */
export interface IGatewayDeployment extends IConstruct {
  /** Whether traffic enters (`ingress`) or leaves (`egress`) the mesh through it. */
  readonly direction: 'ingress' | 'egress';
  /** The release name, which names the Deployment and the Service. */
  readonly name: string;
  /** Namespace the gateway runs in. */
  readonly namespace: string;
  /** Labels on the gateway's pods that select exactly them (for an Istio Gateway's `selector`). */
  readonly podSelector: Readonly<Record<string, string>>;
  /** The gateway Service's name. */
  readonly serviceName: string;
  /** The gateway Service's ports as rendered. */
  readonly servicePorts: readonly GatewayServicePort[];
}
