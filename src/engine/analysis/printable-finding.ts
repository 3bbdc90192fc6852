/**
 * A finding as a report shows it. Rules quote what they read (a host, a label, a name) and the input may hold a
 * megabyte there: every report of findings (`analyze`'s text and JSON, synth's lines) cuts through this one function,
 * so a finding stays a readable line that still ends with its fix.
 */
import { cutEnd, keepEnds } from '../../model/printable';
import { type Finding, type ObjectRef } from './rule';

/** The longest message shown whole; a longer one keeps its start (the thing) and end (the fix). */
export const MESSAGE_MAX = 1000;

/** A Kubernetes name (and kind, and namespace) is at most 253 characters, so no valid one is ever cut. */
export const NAME_MAX = 253;

/** `f` with its message and object names cut to their maximums; control characters are left to the writer. */
export function printableFinding(f: Finding): Finding {
  return { ...f, message: keepEnds(f.message, MESSAGE_MAX), objects: f.objects.map(printableRef) };
}

function printableRef(o: ObjectRef): ObjectRef {
  return {
    ...o,
    kind: cutEnd(o.kind, NAME_MAX),
    ...(o.namespace !== undefined ? { namespace: cutEnd(o.namespace, NAME_MAX) } : {}),
    name: cutEnd(o.name, NAME_MAX),
  };
}
