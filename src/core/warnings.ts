// Construct-level warnings (e.g. a value the chart will ignore): recorded as construct metadata, so every copy of
// the library sees them, and printed by MeshApp's synth with the construct path, one line each.
import { type IConstruct } from 'constructs';

/** Construct metadata type of a synth warning. */
const WARNING_METADATA = 'cdk8s-istio:warning';

/** A warning and the construct it is about. */
export interface SynthWarning {
  readonly path: string;
  readonly message: string;
}

/** Records a warning about `scope` that synth prints (to stderr) without failing. Say what is wrong and the fix. */
export function addSynthWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING_METADATA, message);
}

/** The warnings recorded on `constructs`, in tree order. */
export function synthWarnings(constructs: readonly IConstruct[]): SynthWarning[] {
  const out: SynthWarning[] = [];
  for (const c of constructs) {
    for (const entry of c.node.metadata) {
      if (entry.type === WARNING_METADATA) out.push({ path: c.node.path, message: String(entry.data) });
    }
  }
  return out;
}

/** `warning [path] message`, the shape analysis findings are printed in. */
export function describeWarning(w: SynthWarning): string {
  return `warning [${w.path}] ${w.message}`;
}
