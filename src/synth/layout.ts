import { apiGroup, type KubeObject } from '../engine/k8s/object';
import { stringifyDocuments } from '../engine/yaml/documents';

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
