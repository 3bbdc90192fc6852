import { Construct } from 'constructs';

/** Props of the Istio control plane (the `istiod` Helm chart). Stub: filled in shortly. */
export interface IstiodProps {
  /** Namespace the control plane is installed into. @default 'istio-system' */
  readonly namespace?: string;
  /** Control plane revision; '' or undefined is the default revision. @default - the default revision */
  readonly revision?: string;
}

/** The Istio control plane rendered from the official `istiod` chart. */
export class Istiod extends Construct {
  /** Control plane revision; undefined for the default revision. */
  public readonly revision: string | undefined;
  /** Namespace the control plane runs in. */
  public readonly namespace: string;
  /** The full merged values given to helm. */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: IstiodProps = {}) {
    super(scope, id);
    this.revision = props.revision || undefined;
    this.namespace = props.namespace ?? 'istio-system';
    this.values = {};
  }

  /** The values tree the sidecar injector sees. */
  public injectionValues(): Record<string, unknown> {
    return {};
  }

  /** The mesh configuration (the chart's `meshConfig` values). */
  public meshConfig(): Record<string, unknown> {
    return {};
  }
}
