import { type IndexOptions, ObjectIndex } from './index-objects';
import { type Finding, levelRank, type ObjectRef, type Rule, type SourcedObject } from './rule';
import { type AnalysisSettings, type ResolvedAnalysis, resolveAnalysisSettings } from './settings';
import { Suppressor } from './suppression';

export { SUPPRESS_ANNOTATION } from './suppression';

export interface AnalyzeOptions extends IndexOptions {
  /** The rules to run. @default every registered rule (ALL_RULES) */
  readonly rules?: readonly Rule[];
  /** Rules turned off or given another level, and suppression patterns. @default - every rule at its own level */
  readonly settings?: AnalysisSettings;
}

/** What one analysis found, and how many findings suppression dropped (counted, never silently lost). */
export interface AnalysisResult {
  readonly findings: Finding[];
  readonly suppressed: {
    /** By a suppression pattern (`suppress` setting, `--suppress` flag). */
    readonly byPattern: number;
    /** By the `galley.istio.io/analyze-suppress` annotation on the object. */
    readonly byAnnotation: number;
  };
}

/**
 * Runs the rules over the objects and returns their findings in a stable order:
 * errors first, then warnings, then infos; within a level by code, then by the first object named.
 * Throws a UserError for bad settings.
 */
export function analyze(objects: Iterable<SourcedObject>, options: AnalyzeOptions = {}): Finding[] {
  const resolved = resolveAnalysisSettings(options.settings, options.rules);
  return runAnalysis(new ObjectIndex(objects, options), resolved).findings;
}

/** Runs resolved settings over an index filled beforehand (the CLI streams objects into it while it reads). */
export function runAnalysis(index: ObjectIndex, analysis: ResolvedAnalysis): AnalysisResult {
  const suppressor = new Suppressor(index, analysis.suppressions);
  const findings: Finding[] = [];
  let byPattern = 0;
  let byAnnotation = 0;
  for (const rule of analysis.rules) {
    for (const f of rule.check(index)) {
      const reason = suppressor.reason(f);
      if (reason === 'pattern') byPattern++;
      else if (reason === 'annotation') byAnnotation++;
      else findings.push(f);
    }
  }
  return { findings: findings.sort(compareFindings), suppressed: { byPattern, byAnnotation } };
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
