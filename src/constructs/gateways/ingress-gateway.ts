import { type Construct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { type GatewayProps, GatewayRelease } from './gateway-release';

export type IngressGatewayProps = GatewayProps;

/**
 * An ingress gateway: Envoy pods and a LoadBalancer Service where traffic enters the mesh, rendered by helm from
 * Istio's `gateway` chart (equal to `helm template istio-ingressgateway istio/gateway -n istio-ingress` for the same
 * values). Bind an IstioGateway to it by reference; its pods carry `istio: ingressgateway` by default.
 */
export class IngressGateway extends GatewayRelease {
  /** Whether `x` is an IngressGateway, also one from another copy of this library. */
  public static isIngressGateway(x: unknown): x is IngressGateway {
    return hasBrand(x, 'IngressGateway');
  }

  static {
    brand(IngressGateway, 'IngressGateway');
  }

  constructor(scope: Construct, id: string, props: IngressGatewayProps = {}) {
    super(scope, id, props, { direction: 'ingress', name: 'istio-ingressgateway', namespace: 'istio-ingress', values: {} });
  }
}
