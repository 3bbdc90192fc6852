import { apiGroup, type KubeObject } from '../engine/k8s/object';
import { stringifyDocuments } from '../engine/yaml/documents';
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

/**
 * Argo CD and Flux objects (Applications, Kustomizations, ...) live in their own folder in every layout,
 * so no Application or Kustomization ever deploys itself; apply it once, or point a root Application at it.
 */
export const DELIVERY_FOLDER = 'gitops';

/** True for objects of Argo CD (`argoproj.io`) and Flux (`*.toolkit.fluxcd.io`): they deliver the rest. */
export function isDeliveryObject(obj: KubeObject): boolean {
  const group = apiGroup(obj.apiVersion);
  return group === 'argoproj.io' || group.endsWith('.toolkit.fluxcd.io');
}

/** An object with the file it is written to (relative to the output folder, `/`-separated). */
export interface PlacedObject {
  readonly object: KubeObject;
  readonly file: string;
}

/**
 * Renders placed objects into file contents: objects keep their order within a file; files are listed
 * in order of first appearance. With `kustomization`, every folder also gets a kustomization.yaml.
 */
export function renderFiles(placed: readonly PlacedObject[], kustomization: boolean): Map<string, string> {
  const byFile = new Map<string, KubeObject[]>();
  for (const { object, file } of placed) {
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(object);
  }
  const out = new Map([...byFile].map(([file, list]) => [file, stringifyDocuments(list)]));
  if (kustomization) {
    for (const [folder, files] of foldersOf([...byFile.keys()])) {
      out.set(
        joinPath(folder, 'kustomization.yaml'),
        stringifyDocuments([
          {
            apiVersion: 'kustomize.config.k8s.io/v1beta1',
            kind: 'Kustomization',
            resources: files,
          },
        ]),
      );
    }
  }
  return out;
}

/** Groups file paths by folder: folder -> file names in it, in the given order. */
function foldersOf(files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const folder = slash < 0 ? '' : file.slice(0, slash);
    let list = out.get(folder);
    if (!list) out.set(folder, (list = []));
    list.push(file.slice(slash + 1));
  }
  return out;
}

export function joinPath(folder: string, file: string): string {
  return folder ? `${folder}/${file}` : file;
}
