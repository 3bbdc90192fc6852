import { type IndexOptions, ObjectIndex } from './index-objects';
import { type Finding, levelRank, type ObjectRef, type Rule, type SourcedObject } from './rule';
import { ALL_RULES } from './rules';

export interface AnalyzeOptions extends IndexOptions {
  /** The rules to run. @default every registered rule (ALL_RULES) */
  readonly rules?: readonly Rule[];
}

/**
 * Runs the rules over the objects and returns their findings in a stable order:
 * errors first, then warnings, then infos; within a level by code, then by the first object named.
 */
export function analyze(objects: readonly SourcedObject[], options: AnalyzeOptions = {}): Finding[] {
  const index = new ObjectIndex(objects, options);
  const findings = (options.rules ?? ALL_RULES).flatMap((rule) => rule.check(index));
  const suppressed = suppressions(index.all);
  return findings.filter((f) => !isSuppressed(f, suppressed)).sort(compareFindings);
}

/** Istio's suppression annotation: a comma-separated list of codes (or `*`) to ignore for that object. */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

function suppressions(objects: readonly SourcedObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { object } of objects) {
    const value = object.metadata.annotations?.[SUPPRESS_ANNOTATION];
    if (value === undefined) continue;
    const key = refKey({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name ?? '<unnamed>' });
    out.set(
      key,
      new Set(
        String(value)
          .split(',')
          .map((c) => c.trim()),
      ),
    );
  }
  return out;
}

/** A finding is suppressed by the annotation on the object it is about (the first it names). */
function isSuppressed(f: Finding, suppressed: Map<string, Set<string>>): boolean {
  const codes = f.objects[0] ? suppressed.get(refKey(f.objects[0])) : undefined;
  return codes !== undefined && (codes.has(f.code) || codes.has('*'));
}

function refKey(ref: ObjectRef): string {
  return `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    levelRank(b.level) - levelRank(a.level) ||
    compare(a.code, b.code) ||
    compareRefs(a.objects[0], b.objects[0]) ||
    compare(a.message, b.message)
  );
}

function compareRefs(a: ObjectRef | undefined, b: ObjectRef | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) || compare(a.name, b.name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
