import { type InjectionOverrides } from '../engine/injection';
import { brand, hasBrand } from '../model/brand';
import { describeValue, dns1123LabelError } from '../model/names';
import { type Istiod } from './control-plane/istiod';

export type WorkloadInjectionKind = 'webhook' | 'disabled' | 'pre-injected';

export interface WebhookInjectionOptions {
  /**
   * Pick a control-plane revision for these pods (pod label `istio.io/rev`). Istio honours it only in
   * namespaces without an injection label (InjectionMode.none() or ambient()).
   * @default - the namespace's revision, or the default revision
   */
  readonly revision?: string;
  /**
   * The revision's Istiod is installed outside this app, so synth does not look for it.
   * @default false
   */
  readonly external?: boolean;
}

export interface PreInjectionOptions {
  /**
   * The Istiod whose values and mesh config the sidecar follows.
   * @default - the Istiod of this app with the pod's revision (the namespace's, else the default revision)
   */
  readonly istiod?: Istiod;
  /**
   * Revision of the control plane, when no `istiod` is given.
   * @default - the namespace's injecting revision, else the default revision
   */
  readonly revision?: string;
  /**
   * The control plane lives outside this app: inject with the pinned Istio 1.30.3 defaults plus `overrides`.
   * @default false - an Istiod of this app is required
   */
  readonly external?: boolean;
  /**
   * Values, `--set` entries and mesh config for an external control plane (as `cdk8s-istio inject` takes them).
   * @default - the chart defaults with images pinned to docker.io/istio 1.30.3
   */
  readonly overrides?: InjectionOverrides;
  /**
   * istio-proxy as a native sidecar (an init container with `restartPolicy: Always`), as the webhook does on
   * Kubernetes 1.33+; turn off for older clusters. The pod annotation `sidecar.istio.io/nativeSidecar` still wins.
   * @default true
   */
  readonly nativeSidecars?: boolean;
}

/**
 * How a workload's pods get their data plane. Build one with the static factories. They accept any input, so that
 * every bad input of an app is reported together at synth, with the construct path (see `validate()`).
 */
export class WorkloadInjection {
  /** The sidecar injector adds the sidecar when pods are created: pod label `sidecar.istio.io/inject: "true"`. */
  public static webhook(options: WebhookInjectionOptions = {}): WorkloadInjection {
    return new WorkloadInjection('webhook', options, { revision: options?.revision, external: options?.external });
  }

  /** No sidecar, even in an injecting namespace: pod label `sidecar.istio.io/inject: "false"`. */
  public static disabled(): WorkloadInjection {
    return new WorkloadInjection('disabled', {}, {});
  }

  /**
   * The sidecar is rendered at synth by the injection engine (equal to `cdk8s-istio inject` and Istio 1.30.3's
   * injector) with the values of the app's Istiod, so review shows exactly what will run. The pod template also
   * gets `sidecar.istio.io/inject: "false"`, because the webhook would otherwise inject it a second time.
   * Runs in `MeshApp.synth()`; a plain cdk8s App reports an error.
   */
  public static preInjected(options: PreInjectionOptions = {}): WorkloadInjection {
    return new WorkloadInjection('pre-injected', options, { ...options, nativeSidecars: options?.nativeSidecars ?? true });
  }

  /** Whether `value` is a WorkloadInjection (of any copy of this library). */
  public static isWorkloadInjection(value: unknown): value is WorkloadInjection {
    return hasBrand(value, 'WorkloadInjection');
  }

  static {
    brand(WorkloadInjection, 'WorkloadInjection');
  }

  /**
   * Revision of the pods: the webhook's pod label `istio.io/rev`, or the control plane a pre-injected sidecar
   * follows when no `istiod` is given; undefined follows the namespace, then the default revision.
   */
  public readonly revision?: string;
  /** The revision's control plane lives outside this app. */
  public readonly external: boolean;
  /** Pre-injection: the Istiod whose values the sidecar follows. */
  public readonly istiod?: Istiod;
  /** Pre-injection with an external control plane: values, `--set` entries and mesh config. */
  public readonly overrides?: InjectionOverrides;
  /** Pre-injection: istio-proxy as a native sidecar. */
  public readonly nativeSidecars: boolean;
  private readonly options: unknown;

  private constructor(
    public readonly kind: WorkloadInjectionKind,
    options: unknown,
    fields: PreInjectionOptions,
  ) {
    this.options = options;
    this.revision = fields.revision;
    this.external = fields.external === true;
    this.istiod = fields.istiod;
    this.overrides = fields.overrides;
    this.nativeSidecars = fields.nativeSidecars !== false;
  }

  /** Problems of the options, without the construct path. */
  public validate(): string[] {
    const factory = this.kind === 'pre-injected' ? 'preInjected' : this.kind;
    if (typeof this.options !== 'object' || this.options === null || Array.isArray(this.options)) {
      return [`WorkloadInjection.${factory}() takes an options object, got ${describeValue(this.options)}`];
    }
    const errors: string[] = [];
    if (this.revision !== undefined) {
      const nameError = dns1123LabelError(this.revision, 'revision');
      if (nameError) errors.push(nameError);
    }
    const { external, nativeSidecars } = this.options as Record<string, unknown>;
    if (external !== undefined && typeof external !== 'boolean') {
      errors.push(`external must be true or false, got ${describeValue(external)}`);
    }
    if (this.kind !== 'pre-injected') return errors;
    if (nativeSidecars !== undefined && typeof nativeSidecars !== 'boolean') {
      errors.push(`nativeSidecars must be true or false, got ${describeValue(nativeSidecars)}`);
    }
    if (this.istiod !== undefined && (this.revision !== undefined || this.external)) {
      errors.push('preInjected() takes either istiod or revision/external: the istiod already names its revision');
    }
    if (this.overrides !== undefined && !this.external) {
      errors.push('preInjected() overrides apply to an external control plane: add external: true, or drop overrides');
    }
    return errors;
  }

  /** A short readable form: `webhook`, `webhook/canary`, `disabled`, `pre-injected`, `pre-injected/canary`. */
  public toString(): string {
    const revision = this.kind === 'pre-injected' && this.istiod ? this.istiod.revision : this.revision;
    return this.kind !== 'disabled' && revision ? `${this.kind}/${revision}` : this.kind;
  }
}
