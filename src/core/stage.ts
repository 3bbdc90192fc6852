import { type IConstruct } from 'constructs';
import { UserError } from '../errors';

/** Argo CD's annotation ordering objects within one sync; MeshApp sets it from the stage's wave. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** Construct metadata type that records a `Stage.assign` (metadata, not a module-level map, so every copy of the library sees it). */
const ASSIGNED_STAGE_METADATA = 'cdk8s-istio:stage';

/**
 * A step of the apply order. Each stage is applied, and healthy, before the next one starts:
 * CRDs, then the control plane (istiod and its webhooks), then namespaces, then workloads, then Istio policies.
 * The wave is both the Argo CD sync wave and the prefix of the stage's folder (`10-control-plane/`).
 * Stages of one copy of the library compare by identity; compare `name`s across copies.
 */
export class Stage {
  private static readonly CRDS = new Stage('crds', 0);
  private static readonly CONTROL_PLANE = new Stage('control-plane', 10);
  private static readonly NAMESPACES = new Stage('namespaces', 20);
  private static readonly WORKLOADS = new Stage('workloads', 30);
  private static readonly POLICIES = new Stage('policies', 40);

  /** CustomResourceDefinitions: before any custom resource. */
  public static crds(): Stage {
    return Stage.CRDS;
  }
  /** The control plane (istiod, its webhooks and roles), its Namespace and everything in it. */
  public static controlPlane(): Stage {
    return Stage.CONTROL_PLANE;
  }
  /** Namespaces other than the control plane's: after istiod, so injection works for their first pods. */
  public static namespaces(): Stage {
    return Stage.NAMESPACES;
  }
  /** Everything else: deployments, services, config. */
  public static workloads(): Stage {
    return Stage.WORKLOADS;
  }
  /** Istio and Gateway API custom resources: after the control plane validates them and their targets exist. */
  public static policies(): Stage {
    return Stage.POLICIES;
  }

  /** All stages in apply order. */
  public static all(): readonly Stage[] {
    return [Stage.CRDS, Stage.CONTROL_PLANE, Stage.NAMESPACES, Stage.WORKLOADS, Stage.POLICIES];
  }

  /** The stage called `name` (`crds`, `control-plane`, `namespaces`, `workloads`, `policies`). */
  public static fromName(name: string): Stage {
    const stage = Stage.all().find((s) => s.name === name);
    if (!stage)
      throw new UserError(
        `unknown stage '${name}': use one of ${Stage.all()
          .map((s) => s.name)
          .join(', ')}`,
      );
    return stage;
  }

  /**
   * Puts every object under `scope` into `stage`, whatever its kind (for objects the classifier
   * places wrongly, e.g. a Secret that the control plane needs before it starts, defined elsewhere).
   * A later assignment to the same scope replaces an earlier one.
   */
  public static assign(scope: IConstruct, stage: Stage): void {
    scope.node.addMetadata(ASSIGNED_STAGE_METADATA, stage.name);
  }

  /** The stage assigned to `construct` or its nearest ancestor with `Stage.assign`, if any. */
  public static assignedTo(construct: IConstruct): Stage | undefined {
    for (const c of [...construct.node.scopes].reverse()) {
      const entries = c.node.metadata.filter((m) => m.type === ASSIGNED_STAGE_METADATA);
      if (entries.length > 0) return Stage.fromName(String(entries[entries.length - 1].data));
    }
    return undefined;
  }

  private constructor(
    /** Short name, used in folder and Application names. */
    public readonly name: string,
    /** Argo CD sync wave; stages apply in increasing wave order. */
    public readonly wave: number,
  ) {}

  /** The stage's folder in the stage-folders layout, e.g. `10-control-plane`. */
  public get folder(): string {
    return `${String(this.wave).padStart(2, '0')}-${this.name}`;
  }
}
