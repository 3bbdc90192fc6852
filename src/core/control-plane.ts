// How MeshApp (src/synth) recognizes the control-plane constructs (src/constructs/control-plane) without importing
// them: by a brand they all carry.
import { type ApiObject } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { brand, hasBrand } from '../model/brand';

/** A construct that installs part of the control plane into a namespace (IstioBase, Istiod, IstioCni, Ztunnel). */
export interface IControlPlane extends IConstruct {
  /** Namespace the construct installs into. */
  readonly namespace: string;
  /** False when the namespace is declared managed elsewhere (`createNamespace: false`). */
  readonly createNamespace: boolean;
  /** The Namespace object this construct created: set on the first construct of its namespace that creates it. */
  readonly namespaceObject: ApiObject | undefined;
}

const CONTROL_PLANE = 'ControlPlane';

/** Brands `type` as a control-plane construct (called once per class). */
export function brandControlPlane(type: { readonly prototype: IControlPlane }): void {
  brand(type, CONTROL_PLANE);
}

/** Whether `c` is a control-plane construct, whichever copy of this library made it. */
export function isControlPlane(c: IConstruct): c is IControlPlane {
  return hasBrand(c, CONTROL_PLANE);
}
