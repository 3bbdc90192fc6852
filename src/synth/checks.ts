import { type AnalysisResult, runAnalysis } from '../engine/analysis/analyze';
import { ObjectIndex } from '../engine/analysis/index-objects';
import { printableFinding } from '../engine/analysis/printable-finding';
import { type Finding, type Level, LEVELS, levelRank, type ObjectRef } from '../engine/analysis/rule';
import { resolveAnalysisSettings, type RuleSetting } from '../engine/analysis/settings';
import { UserError } from '../errors';
import { escapeControl } from '../model/printable';
import { type SynthObject } from './collect';

/** Mesh analysis at synth time (MeshApp's `analysis` prop). */
export interface MeshAnalysisOptions {
  /**
   * The lowest finding level that fails the synth (nothing is written); lower findings are printed to stderr.
   * @default 'error' - errors fail the synth, warnings and infos are printed
   */
  readonly failureThreshold?: Level;
  /**
   * Istio's root namespace (PeerAuthentications there are mesh-wide).
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;
  /**
   * Per rule code: 'off' (the rule does not run) or the level its findings get, for the whole app, e.g.
   * `{ CDK8SI011: 'warning' }` to report workloads outside the mesh under STRICT mTLS without failing the synth.
   * An unknown code fails the synth with the list of valid codes (`cdk8s-istio analyze --list-rules`).
   * @default - every rule at its own level
   */
  readonly rules?: { readonly [code: string]: RuleSetting };
  /**
   * Findings to drop, in istioctl's `--suppress` shape: `"<code>=<Kind> <name>[.<namespace>]"`, where a namespaced
   * object is named `name.namespace` and `*` matches any characters in the code, name and namespace, e.g.
   * `"CDK8SI011=Deployment *.legacy"` or `"IST0102=Namespace frod"`. Suppressed findings are counted in one
   * line on stderr. The `galley.istio.io/analyze-suppress` annotation on an object still works as well.
   * @default - none
   */
  readonly suppress?: readonly string[];
}

export interface SynthChecksOptions extends MeshAnalysisOptions {
  /**
   * Where findings below the threshold go, one line each.
   * @default - standard error
   */
  readonly report?: (line: string) => void;
}

/**
 * Runs the analysis rules over the synthesized objects. Findings name construct paths. Throws a UserError
 * listing every finding at or above the threshold; reports the others (and how many were suppressed) and
 * returns all findings.
 */
export function runSynthChecks(objects: readonly SynthObject[], options: SynthChecksOptions = {}): Finding[] {
  const level = options.failureThreshold ?? 'error';
  if (!LEVELS.includes(level)) {
    throw new UserError(`invalid analysis failureThreshold '${String(level)}': use one of ${LEVELS.join(', ')}`);
  }
  const settings = resolveAnalysisSettings(options, undefined, { rules: 'analysis.rules', suppress: 'analysis.suppress' });
  const index = new ObjectIndex(
    objects.map((o) => ({ object: o.object, source: { constructPath: o.constructPath } })),
    { rootNamespace: options.rootNamespace },
  );
  const result = runAnalysis(index, settings);
  const { findings } = result;
  const threshold = levelRank(level);
  const failing = findings.filter((f) => levelRank(f.level) >= threshold);
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const f of findings) if (levelRank(f.level) < threshold) report(describe(f));
  const suppressed = suppressionSummary(result);
  if (suppressed) report(suppressed);
  if (failing.length > 0) {
    throw new UserError(`synth failed: mesh analysis found ${failing.length} problem(s):\n  ${failing.map(describe).join('\n  ')}`);
  }
  return findings;
}

/** One line saying how many findings suppression dropped, and by what; undefined when none. */
function suppressionSummary({ suppressed }: AnalysisResult): string | undefined {
  const total = suppressed.byPattern + suppressed.byAnnotation;
  if (total === 0) return undefined;
  return (
    `mesh analysis: ${total} finding(s) suppressed (${suppressed.byPattern} by analysis.suppress, ` +
    `${suppressed.byAnnotation} by the galley.istio.io/analyze-suppress annotation)`
  );
}

/** `error [IST0106] [app/chart/policy] message (also: [path], ...)`, on one line however long what it quotes. */
function describe(finding: Finding): string {
  const f = printableFinding(finding);
  const [main, ...others] = f.objects;
  const also = others.length > 0 ? ` (also: ${others.map(where).join(', ')})` : '';
  return escapeControl(`${f.level} [${f.code}]${main ? ` ${where(main)}` : ''} ${f.message}${also}`);
}

function where(ref: ObjectRef): string {
  return `[${ref.source?.constructPath ?? `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`}]`;
}
