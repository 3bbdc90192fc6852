import { type Construct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { type GatewayProps, GatewayRelease } from './gateway-release';

export type EgressGatewayProps = GatewayProps;

/**
 * An egress gateway: Envoy pods that traffic leaving the mesh is routed through, rendered by helm from Istio's
 * `gateway` chart with a ClusterIP Service (as the chart's own egress example sets it: nothing outside the cluster
 * needs to reach it). Its pods carry `istio: egressgateway` by default.
 */
export class EgressGateway extends GatewayRelease {
  /** Whether `x` is an EgressGateway, also one from another copy of this library. */
  public static isEgressGateway(x: unknown): x is EgressGateway {
    return hasBrand(x, 'EgressGateway');
  }

  static {
    brand(EgressGateway, 'EgressGateway');
  }

  constructor(scope: Construct, id: string, props: EgressGatewayProps = {}) {
    super(scope, id, props, {
      direction: 'egress',
      name: 'istio-egressgateway',
      namespace: 'istio-egress',
      values: { service: { type: 'ClusterIP' } },
    });
  }
}
