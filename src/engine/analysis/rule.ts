import { type KubeObject, type ObjectSource } from '../k8s/object';
import type { ObjectIndex } from './index-objects';

/** How serious a finding is; the CLI and synth fail at or above a threshold (default 'error'). */
export type Level = 'info' | 'warning' | 'error';

export const LEVELS: readonly Level[] = ['info', 'warning', 'error'];

/** Numeric rank of a level, for threshold comparisons (info < warning < error). */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** An object named by a finding. `source` says where it came from (file and line, or construct path). */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly source?: ObjectSource;
}

/** One problem found in the input. `objects` names every object involved, the main one first. */
export interface Finding {
  readonly code: string;
  readonly level: Level;
  readonly message: string;
  readonly objects: readonly ObjectRef[];
}

/**
 * One analysis rule: one file under rules/<area>/<rule>.ts, registered in rules/index.ts.
 * `check` must be linear in the number of objects: use the index's lookups, never compare all pairs.
 */
export interface Rule {
  /** Stable code: Istio's where it has one (IST0102), else our own (CDK8SI001). */
  readonly code: string;
  readonly level: Level;
  /** A few words, for the rule table. */
  readonly title: string;
  /** One line: what the rule means. */
  readonly explanation: string;
  /** One line: how to fix it. */
  readonly fix: string;
  check(index: ObjectIndex): Finding[];
}

/** An input object with where it came from. */
export interface SourcedObject {
  readonly object: KubeObject;
  readonly source?: ObjectSource;
}

/** A reference to an indexed object, for Finding.objects. */
export function refOf(entry: SourcedObject): ObjectRef {
  const { kind, metadata } = entry.object;
  return {
    kind,
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    name: metadata.name ?? '<unnamed>',
    ...(entry.source ? { source: entry.source } : {}),
  };
}

/** Builds a finding of `rule` naming `objects` (the main one first). */
export function finding(rule: Pick<Rule, 'code' | 'level'>, message: string, ...objects: SourcedObject[]): Finding {
  return { code: rule.code, level: rule.level, message, objects: objects.map(refOf) };
}
