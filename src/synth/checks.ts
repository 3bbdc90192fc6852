import { analyze } from '../engine/analysis/analyze';
import { type Finding, type Level, LEVELS, levelRank, type ObjectRef } from '../engine/analysis/rule';
import { UserError } from '../errors';
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
}

export interface SynthChecksOptions extends MeshAnalysisOptions {
  /**
   * Where findings below the threshold go, one line each.
   * @default - standard error
   */
  readonly report?: (line: string) => void;
}

/**
 * Runs every analysis rule over the synthesized objects. Findings name construct paths. Throws a UserError
 * listing every finding at or above the threshold; reports the others and returns all findings.
 */
export function runSynthChecks(objects: readonly SynthObject[], options: SynthChecksOptions = {}): Finding[] {
  const findings = analyze(
    objects.map((o) => ({ object: o.object, source: { constructPath: o.constructPath } })),
    { rootNamespace: options.rootNamespace },
  );
  const level = options.failureThreshold ?? 'error';
  if (!LEVELS.includes(level)) {
    throw new UserError(`invalid analysis failureThreshold '${String(level)}': use one of ${LEVELS.join(', ')}`);
  }
  const threshold = levelRank(level);
  const failing = findings.filter((f) => levelRank(f.level) >= threshold);
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const f of findings) if (levelRank(f.level) < threshold) report(describe(f));
  if (failing.length > 0) {
    throw new UserError(`synth failed: mesh analysis found ${failing.length} problem(s):\n  ${failing.map(describe).join('\n  ')}`);
  }
  return findings;
}

/** `error [IST0106] [app/chart/policy] message (also: [path], ...)`. */
function describe(f: Finding): string {
  const [main, ...others] = f.objects;
  const also = others.length > 0 ? ` (also: ${others.map(where).join(', ')})` : '';
  return `${f.level} [${f.code}]${main ? ` ${where(main)}` : ''} ${f.message}${also}`;
}

function where(ref: ObjectRef): string {
  return `[${ref.source?.constructPath ?? `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`}]`;
}
