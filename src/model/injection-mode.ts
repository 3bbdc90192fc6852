/** How a namespace takes part in the mesh, as namespace labels. Plain data: no cdk8s. */
import { brand, hasBrand } from './brand';
import { describeValue, dns1123LabelError } from './names';

/** Namespace label of the default-revision injector: `enabled` or `disabled`. */
export const INJECTION_LABEL = 'istio-injection';
/** Namespace (or pod) label that picks a control-plane revision. */
export const REVISION_LABEL = 'istio.io/rev';
/** Namespace label that puts pods in ambient mode. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** Pod label that opts a pod in (`"true"`) or out (`"false"`) of sidecar injection. */
export const SIDECAR_INJECT_LABEL = 'sidecar.istio.io/inject';

/** The namespace labels this library owns; users set them only through an `InjectionMode`. */
export const MANAGED_NAMESPACE_LABELS: readonly string[] = [INJECTION_LABEL, REVISION_LABEL, DATAPLANE_MODE_LABEL];

/** The name Istio gives the revision of an Istiod installed without one. */
export const DEFAULT_REVISION = 'default';

export type InjectionModeKind = 'sidecar' | 'revision' | 'ambient' | 'disabled' | 'none';

export interface RevisionOptions {
  /**
   * The revision's control plane is installed outside this app, so synth does not look for its Istiod.
   * @default false - an Istiod with this revision must exist in the app
   */
  readonly external?: boolean;
}

/** A namespace's injection mode. Build one with the static factories. */
export class InjectionMode {
  /** Whether `x` is an InjectionMode, also one from another copy of this library. */
  public static isInjectionMode(x: unknown): x is InjectionMode {
    return hasBrand(x, 'InjectionMode');
  }

  static {
    brand(InjectionMode, 'InjectionMode');
  }

  /** Sidecars from the default revision for every pod: `istio-injection=enabled`. */
  public static sidecar(): InjectionMode {
    return new InjectionMode('sidecar');
  }

  /**
   * Sidecars from the named control-plane revision for every pod: `istio.io/rev=<name>`.
   * `'default'` selects the Istiod installed without a revision. The name may also be a revision tag
   * (`RevisionTag`), the way to keep namespaces unchanged across upgrades.
   */
  public static revision(name: string, options: RevisionOptions = {}): InjectionMode {
    return new InjectionMode('revision', name, options.external === true);
  }

  /** Ambient data plane (ztunnel, no sidecars): `istio.io/dataplane-mode=ambient`. */
  public static ambient(): InjectionMode {
    return new InjectionMode('ambient');
  }

  /** No sidecars, even for pods that ask for one: `istio-injection=disabled`. */
  public static disabled(): InjectionMode {
    return new InjectionMode('disabled');
  }

  /** No injection label at all: only pods labelled `sidecar.istio.io/inject: "true"` get a sidecar. */
  public static none(): InjectionMode {
    return new InjectionMode('none');
  }

  private constructor(
    public readonly kind: InjectionModeKind,
    /** The revision of a `revision` mode. */
    public readonly revision?: string,
    /** Whether the revision's control plane lives outside the app. */
    public readonly external = false,
  ) {}

  /** The namespace labels of this mode (at most one of the managed keys). */
  public labels(): Record<string, string> {
    switch (this.kind) {
      case 'sidecar':
        return { [INJECTION_LABEL]: 'enabled' };
      case 'revision':
        return { [REVISION_LABEL]: String(this.revision) };
      case 'ambient':
        return { [DATAPLANE_MODE_LABEL]: 'ambient' };
      case 'disabled':
        return { [INJECTION_LABEL]: 'disabled' };
      case 'none':
        return {};
    }
  }

  /**
   * The revision whose webhook injects pods of this namespace without a pod label
   * (`'default'` for sidecar mode); undefined when pods must opt in or cannot.
   */
  public get injectingRevision(): string | undefined {
    if (this.kind === 'sidecar') return DEFAULT_REVISION;
    return this.kind === 'revision' ? this.revision : undefined;
  }

  /** Problems of this value (a bad revision name), without the construct path. */
  public validate(): string[] {
    if (this.kind !== 'revision') return [];
    const error = dns1123LabelError(this.revision, 'revision');
    return error ? [`${error}; it must match the revision of an Istiod or a revision tag`] : [];
  }

  /** A short readable form, e.g. `sidecar`, `revision/canary`. */
  public toString(): string {
    return this.kind === 'revision' ? `revision/${this.revision}` : this.kind;
  }
}

/** The error for a value that is not an InjectionMode (plain JavaScript callers), or undefined. */
export function injectionModeTypeError(value: unknown): string | undefined {
  if (InjectionMode.isInjectionMode(value)) return undefined;
  return (
    `injection must be an InjectionMode, got ${describeValue(value)}: use InjectionMode.sidecar(), ` +
    "InjectionMode.revision('<name>'), InjectionMode.ambient(), InjectionMode.disabled() or InjectionMode.none()"
  );
}
