/** Mutual TLS modes of a PeerAuthentication and how Istio combines them. Plain data: no cdk8s. */
import { brand, hasBrand } from './brand';
import { describeValue } from './names';

export type MtlsModeValue = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

const VALUES: readonly MtlsModeValue[] = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'];

/**
 * A PeerAuthentication mTLS mode. `of()` accepts any string so that every bad input of an app is reported
 * together at synth; an unknown string becomes a validation error of the construct that uses it.
 */
export class MtlsMode {
  /** Whether `x` is an MtlsMode, also one from another copy of this library. */
  public static isMtlsMode(x: unknown): x is MtlsMode {
    return hasBrand(x, 'MtlsMode');
  }

  static {
    brand(MtlsMode, 'MtlsMode');
  }

  /** Inherit from the parent scope (workload -> namespace -> mesh; the mesh's UNSET means PERMISSIVE). */
  public static unset(): MtlsMode {
    return new MtlsMode('UNSET');
  }

  /** Plain text only. */
  public static disable(): MtlsMode {
    return new MtlsMode('DISABLE');
  }

  /** Both mTLS and plain text are accepted. */
  public static permissive(): MtlsMode {
    return new MtlsMode('PERMISSIVE');
  }

  /** mTLS only. */
  public static strict(): MtlsMode {
    return new MtlsMode('STRICT');
  }

  /** The mode named by Istio's spelling (`UNSET`, `DISABLE`, `PERMISSIVE`, `STRICT`). */
  public static of(value: string): MtlsMode {
    return new MtlsMode(value);
  }

  private constructor(public readonly value: string) {}

  /** Whether the value is one of Istio's four modes. */
  public get isValid(): boolean {
    return (VALUES as readonly unknown[]).includes(this.value);
  }

  /** Problems of this value, without the construct path. */
  public validate(): string[] {
    if (this.isValid) return [];
    const near = VALUES.find((v) => typeof this.value === 'string' && v === this.value.trim().toUpperCase());
    const hint = near
      ? `use '${near}' (upper case) or MtlsMode.${near.toLowerCase()}()`
      : 'use MtlsMode.strict(), MtlsMode.permissive(), MtlsMode.disable() or MtlsMode.unset()';
    return [`mtls mode ${describeValue(this.value)} is not one of ${VALUES.join(', ')}: ${hint}`];
  }

  public toString(): string {
    return this.value;
  }
}

/** The error for a value that is not an MtlsMode (plain JavaScript callers), or undefined. */
export function mtlsModeTypeError(value: unknown, what: string): string | undefined {
  if (MtlsMode.isMtlsMode(value)) return undefined;
  return `${what} must be an MtlsMode, got ${describeValue(value)}: use MtlsMode.strict() or MtlsMode.of('STRICT')`;
}

/** The modes that apply to one workload, one per scope; undefined where no policy exists. */
export interface MtlsScopes {
  readonly mesh?: MtlsMode;
  readonly namespace?: MtlsMode;
  readonly workload?: MtlsMode;
  /** Port-level modes of the workload policy, by container port. */
  readonly ports?: Readonly<Record<number, MtlsMode>>;
}

export type EffectiveMtlsMode = Exclude<MtlsModeValue, 'UNSET'>;

export interface EffectiveMtls {
  readonly mode: EffectiveMtlsMode;
  /** Modes of the ports the workload policy names, after inheritance. */
  readonly ports: Readonly<Record<number, EffectiveMtlsMode>>;
}

/**
 * What Istio enforces for a workload: the narrowest scope with a mode other than UNSET wins
 * (workload > namespace > mesh, PERMISSIVE when none), and a port-level UNSET inherits the workload result.
 */
export function effectiveMtls(scopes: MtlsScopes): EffectiveMtls {
  let mode: EffectiveMtlsMode = 'PERMISSIVE';
  for (const scoped of [scopes.mesh, scopes.namespace, scopes.workload]) {
    if (scoped && scoped.isValid && scoped.value !== 'UNSET') mode = scoped.value as EffectiveMtlsMode;
  }
  const ports: Record<number, EffectiveMtlsMode> = {};
  for (const [port, portMode] of Object.entries(scopes.ports ?? {})) {
    ports[Number(port)] = portMode.isValid && portMode.value !== 'UNSET' ? (portMode.value as EffectiveMtlsMode) : mode;
  }
  return { mode, ports };
}
