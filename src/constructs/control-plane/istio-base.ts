import { Construct } from 'constructs';
import { KubeObject } from '../../engine/k8s/object';

/** Props of the Istio base chart (CRDs and cluster-wide roles). Stub: filled in shortly. */
export interface IstioBaseProps {
  /** Namespace of the control plane. @default 'istio-system' */
  readonly namespace?: string;
}

/** Istio's CRDs and base resources rendered from the official `base` chart. */
export class IstioBase extends Construct {
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: IstioBaseProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? 'istio-system';
  }

  /** The rendered CustomResourceDefinitions. */
  public crds(): KubeObject[] {
    return [];
  }
}
