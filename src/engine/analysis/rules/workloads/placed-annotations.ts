import { describeObject } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';

/** Kinds whose annotations are checked: those Istio's own users annotate, plus every workload. */
const CHECKED_KINDS = new Set(['Namespace', 'Service']);

export interface Placed {
  readonly entry: SourcedObject;
  /** Where the annotations sit, as the table names places. */
  readonly place: string;
  /** Words for messages: `Deployment ns/x` or `the pod template of Deployment ns/x`. */
  readonly where: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** True for a workload's own metadata, where pod annotations are commonly put by mistake. */
  readonly workloadMetadata: boolean;
}

/** Every annotation map the annotation rules look at, once per object (and once per pod template). */
export function placedAnnotations(index: ObjectIndex): readonly Placed[] {
  return index.derived('annotations.placed', (idx) => {
    const out: Placed[] = [];
    for (const kind of CHECKED_KINDS) {
      for (const entry of idx.byKind(kind, '')) {
        out.push({
          entry,
          place: kind,
          where: describeObject(entry.object),
          annotations: entry.object.metadata.annotations ?? {},
          workloadMetadata: false,
        });
      }
    }
    for (const w of idx.workloads) {
      const own = describeObject(w.object);
      if (w.object.kind !== 'Pod') {
        out.push({ entry: w, place: w.object.kind, where: own, annotations: w.object.metadata.annotations ?? {}, workloadMetadata: true });
      }
      const where = w.object.kind === 'Pod' ? own : `the pod template of ${own}`;
      out.push({ entry: w, place: 'Pod', where, annotations: w.podAnnotations, workloadMetadata: false });
    }
    return out;
  });
}
