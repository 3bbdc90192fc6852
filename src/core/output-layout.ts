import { type Stage } from './stage';

/** Options of the stage-folders layout. */
export interface StageFoldersOptions {
  /**
   * Write a `kustomization.yaml` listing the files of each folder, so `kubectl apply -k`, Flux and
   * Argo CD read every folder the same way.
   * @default true
   */
  readonly kustomization?: boolean;
}

/**
 * Argo CD and Flux objects (Applications, Kustomizations, ...) live in their own folder in every layout,
 * so no Application or Kustomization ever deploys itself; apply it once, or point a root Application at it.
 */
export const DELIVERY_FOLDER = 'gitops';

/** How synthesized objects are arranged into files under the output folder. */
export class OutputLayout {
  /**
   * One file per chart, `<chart>.k8s.yaml`, at the top of the output folder (the cdk8s convention).
   * Apply order then comes from sync waves (`syncWaves: true`) or from the order of the objects.
   */
  public static filePerChart(): OutputLayout {
    return new OutputLayout('file-per-chart', false);
  }

  /**
   * One folder per stage (`00-crds/`, `10-control-plane/`, `20-namespaces/`, `30-workloads/`,
   * `40-policies/`), each with one file per chart that has objects in that stage. Made for Flux
   * Kustomizations chained with `dependsOn`, or one Argo CD Application per folder.
   */
  public static stageFolders(options: StageFoldersOptions = {}): OutputLayout {
    return new OutputLayout('stage-folders', options.kustomization ?? true);
  }

  private constructor(
    /** Which layout this is. */
    public readonly kind: 'file-per-chart' | 'stage-folders',
    /** Whether each folder gets a kustomization.yaml. */
    public readonly kustomization: boolean,
  ) {}

  /** The folder (relative to the output folder, '' for the top) where objects of `stage` go. */
  public folderOf(stage: Stage | undefined): string {
    if (stage === undefined) return DELIVERY_FOLDER;
    return this.kind === 'stage-folders' ? stage.folder : '';
  }
}
