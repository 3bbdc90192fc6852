/**
 * Suppression of findings: patterns in istioctl's `--suppress` shape (`<code>=<Kind> <name>[.<namespace>]`, with `*`
 * wildcards in the code, the name and the namespace) and the `galley.istio.io/analyze-suppress` annotation on an
 * object. Both look at the object a finding is about (the first it names).
 */
import { UserError } from '../../errors';
import { type ObjectIndex } from './index-objects';
import { type Finding, type ObjectRef, refOf } from './rule';

/** Istio's suppression annotation: a comma-separated list of codes (or `*`) to ignore for that object. */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export interface SuppressionPattern {
  /** The pattern as written. */
  readonly text: string;
  readonly code: string;
  readonly kind: string;
  /** `name` for a cluster-scoped object, `name.namespace` for a namespaced one. */
  readonly target: string;
}

export type SuppressionReason = 'pattern' | 'annotation';

const SHAPE = /^([A-Za-z0-9*]+)=([A-Za-z][A-Za-z0-9]*) ([A-Za-z0-9*][A-Za-z0-9.*_:-]*)$/;
const EXPECTED =
  'expected "<code>=<Kind> <name>[.<namespace>]" with * wildcards, e.g. "CDK8SI011=Deployment *.legacy" or "IST0102=Namespace frod"';

/**
 * Reads the patterns of one setting (`name` says which, for messages); an entry may hold several, comma-separated,
 * as istioctl takes them. A code without wildcard must be one of `codes` (a typo would suppress nothing).
 */
export function parseSuppressions(entries: readonly unknown[], name: string, codes: ReadonlySet<string>): SuppressionPattern[] {
  const out: SuppressionPattern[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new UserError(`${name}: ${JSON.stringify(entry)} is not a string: ${EXPECTED}`);
    for (const part of entry.split(',')) {
      const text = part.trim();
      const match = SHAPE.exec(text);
      if (!match) throw new UserError(`${name} "${text}" is malformed: ${EXPECTED}`);
      const [, code, kind, target] = match;
      if (!code.includes('*') && !codes.has(code)) {
        throw new UserError(`${name} "${text}" names unknown rule code ${code}: valid codes are ${[...codes].sort().join(', ')}`);
      }
      out.push({ text, code, kind, target });
    }
  }
  return out;
}

/** Decides, finding by finding, whether a pattern or the annotation on its object suppresses it. */
export class Suppressor {
  private annotations: Map<string, Set<string>> | undefined;

  constructor(
    private readonly index: ObjectIndex,
    private readonly patterns: readonly SuppressionPattern[],
  ) {}

  reason(finding: Finding): SuppressionReason | undefined {
    const ref = finding.objects[0];
    if (!ref) return undefined;
    const target = ref.namespace ? `${ref.name}.${ref.namespace}` : ref.name;
    if (this.patterns.some((p) => p.kind === ref.kind && globMatch(p.code, finding.code) && globMatch(p.target, target))) return 'pattern';
    const codes = this.annotated().get(refKey(ref));
    return codes !== undefined && (codes.has(finding.code) || codes.has('*')) ? 'annotation' : undefined;
  }

  /** Codes each annotated object suppresses, read on first use (one pass over the input). */
  private annotated(): Map<string, Set<string>> {
    if (this.annotations) return this.annotations;
    this.annotations = new Map();
    for (const entry of this.index.all) {
      const value = entry.object.metadata.annotations?.[SUPPRESS_ANNOTATION];
      if (value === undefined) continue;
      this.annotations.set(
        refKey(refOf(entry)),
        new Set(
          String(value)
            .split(',')
            .map((c) => c.trim()),
        ),
      );
    }
    return this.annotations;
  }
}

function refKey(ref: ObjectRef): string {
  return `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

/**
 * True when `text` matches `pattern`, where `*` stands for any run of characters (dots included). Greedy with
 * one backtrack point, so the time stays bounded whatever the pattern (a regular expression built from it could
 * backtrack exponentially); no glob library is a dependency, and `*` alone needs no more than this.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starText = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
