import { stringifyDocuments } from '../engine/yaml/documents';
import { SynthObject } from './collect';

/** Maps synthesized objects to output files: one file per chart (one concern), in chart order. */
export function layoutFiles(objects: readonly SynthObject[]): Map<string, string> {
  const byFile = new Map<string, unknown[]>();
  for (const { object, chart } of objects) {
    const file = `${chart.node.id}.k8s.yaml`;
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(object);
  }
  return new Map([...byFile].map(([file, list]) => [file, stringifyDocuments(list)]));
}
