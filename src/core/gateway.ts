// How MeshApp (src/synth) and the namespace helper recognize the gateway deployments (src/constructs/gateways)
// without importing them: by a brand they carry.
import { type ApiObject } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { brand, hasBrand } from '../model/brand';
import { type IControlPlane, isControlPlane } from './control-plane';

/** A gateway proxy release (IngressGateway, EgressGateway): its namespace and whether it created it. */
export interface IGatewayRelease extends IConstruct {
  /** Namespace the gateway runs in. */
  readonly namespace: string;
  /** False when the namespace is declared managed elsewhere (`createNamespace: false`). */
  readonly createNamespace: boolean;
  /** The Namespace object this construct created, if it did. */
  readonly namespaceObject: ApiObject | undefined;
}

const GATEWAY = 'GatewayRelease';

/** Brands `type` as a gateway release (called once per class). */
export function brandGatewayRelease(type: { readonly prototype: IGatewayRelease }): void {
  brand(type, GATEWAY);
}

/** Whether `c` is a gateway release, whichever copy of this library made it. */
export function isGatewayRelease(c: IConstruct): c is IGatewayRelease {
  return hasBrand(c, GATEWAY);
}

/** A construct that installs a chart into a namespace and may create it: a control-plane or gateway construct. */
export type NamespaceOwner = IControlPlane | IGatewayRelease;

/** A stable guard (findInApp memoizes by it): control-plane and gateway constructs. */
export function isNamespaceOwner(c: IConstruct): c is NamespaceOwner {
  return isControlPlane(c) || isGatewayRelease(c);
}
