import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { UserError } from '../../errors';
import { type IOutputDescriber, type OutputPlan } from '../../core/output-plan';
import { Stage } from '../../core/stage';
import { dnsLabelErrors, meshAppErrors, pathErrors, repositoryPath } from './common';

/** The Flux source object (GitRepository, OCIRepository or Bucket) that holds the synthesized output. */
export class FluxSource {
  /** A `GitRepository` named `name`, in `namespace` (default: the Kustomizations' namespace). */
  public static gitRepository(name: string, namespace?: string): FluxSource {
    return new FluxSource('GitRepository', name, namespace);
  }

  /** An `OCIRepository` (e.g. the output pushed with `flux push artifact`). */
  public static ociRepository(name: string, namespace?: string): FluxSource {
    return new FluxSource('OCIRepository', name, namespace);
  }

  /** A `Bucket`. */
  public static bucket(name: string, namespace?: string): FluxSource {
    return new FluxSource('Bucket', name, namespace);
  }

  private constructor(
    public readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket',
    public readonly name: string,
    public readonly namespace: string | undefined,
  ) {
    if (!name) throw new UserError(`flux source: the ${kind} name is empty; give the name of the Flux source object`);
  }
}

export interface FluxKustomizationsProps {
  /** The Flux source that holds the output. */
  readonly source: FluxSource;
  /** Folder of the synthesized output inside the source. @default 'dist' */
  readonly path?: string;
  /** Namespace of the Kustomization objects: where Flux runs. @default 'flux-system' */
  readonly namespace?: string;
  /** Kustomization names are `<namePrefix>-<stage>`. @default 'mesh' */
  readonly namePrefix?: string;
  /** How often Flux reconciles each stage. @default Duration.minutes(10) */
  readonly interval?: Duration;
  /** How long Flux waits for a stage to become healthy before the next one starts. @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** Delete objects that disappear from the output. @default true */
  readonly prune?: boolean;
}

/**
 * Flux Kustomizations for the stage folders of a MeshApp (`OutputLayout.stageFolders()`): one per stage,
 * each depending on the one before and waiting until its objects are healthy, so CRDs, istiod, namespaces,
 * workloads and policies are applied in that order. The objects are written to `gitops/`.
 */
export class FluxKustomizations extends Construct implements IOutputDescriber {
  private readonly props: FluxKustomizationsProps;
  private emitted: string[] = [];

  constructor(scope: Construct, id: string, props: FluxKustomizationsProps) {
    super(scope, id);
    this.props = props;
    this.node.addValidation({
      validate: () => [
        ...meshAppErrors(this, 'flux kustomizations', true),
        ...pathErrors(props.path ?? 'dist'),
        ...dnsLabelErrors({ namespace: props.namespace, namePrefix: props.namePrefix }),
      ],
    });
  }

  /** Called by MeshApp.synth with the plan of every other object. */
  public describeOutput(plan: OutputPlan): void {
    for (const id of this.emitted) this.node.tryRemoveChild(id);
    this.emitted = [];
    const p = this.props;
    const prefix = p.namePrefix ?? 'mesh';
    const base = repositoryPath(p.path ?? 'dist');
    // By name: the plan's stages may come from another copy of this library.
    const stages = Stage.all().filter((stage) => plan.objects.some((o) => o.stage?.name === stage.name));
    stages.forEach((stage, i) => {
      new ApiObject(this, stage.name, {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: `${prefix}-${stage.name}`, namespace: p.namespace ?? 'flux-system' },
        spec: {
          interval: goDuration(p.interval ?? Duration.minutes(10)),
          path: `./${base === '.' ? '' : `${base}/`}${stage.folder}`,
          prune: p.prune ?? true,
          sourceRef: { kind: p.source.kind, name: p.source.name, ...(p.source.namespace ? { namespace: p.source.namespace } : {}) },
          wait: true,
          timeout: goDuration(p.timeout ?? Duration.minutes(5)),
          ...(i > 0 ? { dependsOn: [{ name: `${prefix}-${stages[i - 1].name}` }] } : {}),
        },
      });
      this.emitted.push(stage.name);
    });
  }
}

/** A duration as Flux reads it (Go syntax): whole minutes as `10m`, otherwise seconds. */
function goDuration(d: Duration): string {
  const seconds = d.toSeconds({ integral: false });
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}
