import { type IConstruct } from 'constructs';
import { apiGroup, type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';

/**
 * A step of the apply order. Each stage is applied, and healthy, before the next one starts:
 * CRDs, then the control plane (istiod and its webhooks), then namespaces, then workloads, then Istio policies.
 * The wave is both the Argo CD sync wave and the prefix of the stage's folder (`10-control-plane/`).
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
  /** The control plane (istiod, its webhooks and roles) and everything in its namespace. */
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
   */
  public static assign(scope: IConstruct, stage: Stage): void {
    assigned.set(scope, stage);
  }

  /** The stage assigned to `construct` or its nearest ancestor with `Stage.assign`, if any. */
  public static assignedTo(construct: IConstruct): Stage | undefined {
    for (const c of [...construct.node.scopes].reverse()) {
      const stage = assigned.get(c);
      if (stage) return stage;
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

const assigned = new WeakMap<IConstruct, Stage>();

/** What the classifier knows beyond the object itself. */
export interface StageContext {
  /** Namespaces the control plane runs in (their Namespace objects and contents belong to the control plane). */
  readonly controlPlaneNamespaces: ReadonlySet<string>;
  /** True when the object was rendered by a control-plane construct (IstioBase, Istiod). */
  readonly fromControlPlane: boolean;
}

/** Picks the stage of an object from its kind, group and namespace. */
export function classifyStage(obj: KubeObject, context: StageContext): Stage {
  const group = apiGroup(obj.apiVersion);
  if (obj.kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') return Stage.crds();
  if (isMeshCustomResource(group)) return Stage.policies();
  if (obj.kind === 'Namespace' && group === '') {
    return context.controlPlaneNamespaces.has(obj.metadata.name ?? '') ? Stage.controlPlane() : Stage.namespaces();
  }
  const ns = obj.metadata.namespace;
  if (context.fromControlPlane || (ns !== undefined && context.controlPlaneNamespaces.has(ns))) return Stage.controlPlane();
  return Stage.workloads();
}

/** Istio's own API groups (networking.istio.io, security.istio.io, ...) and the Gateway API. */
function isMeshCustomResource(group: string): boolean {
  return group.endsWith('.istio.io') || group === 'gateway.networking.k8s.io';
}
