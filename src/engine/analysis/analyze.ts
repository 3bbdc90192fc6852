import { IndexOptions, ObjectIndex } from './index-objects';
import { Finding, levelRank, ObjectRef, Rule, SourcedObject } from './rule';
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
  return findings.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return levelRank(b.level) - levelRank(a.level)
    || compare(a.code, b.code)
    || compareRefs(a.objects[0], b.objects[0])
    || compare(a.message, b.message);
}

function compareRefs(a: ObjectRef | undefined, b: ObjectRef | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) || compare(a.name, b.name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
