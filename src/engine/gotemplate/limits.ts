/**
 * Bounds on one template execution, so a template that recurses or loops without end fails with
 * one line instead of hanging or exhausting memory.
 */

/** Output (and any single string a function builds) may not grow past this many characters: 64 Mi. */
export const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Nested `template` calls allowed. Go allows 100000, but each level costs several JS stack frames,
 * and Node's stack runs out well before that.
 */
export const MAX_TEMPLATE_DEPTH = 1000;

/**
 * Actions, range iterations and function calls one execution may run: istiod's own sidecar template
 * takes a few thousand per pod, so this leaves room for any real template while a `range` over a
 * huge number ends in seconds.
 */
export const MAX_STEPS = 10_000_000;

/** strings.Repeat, refusing what Go refuses (a negative count) and results over MAX_OUTPUT. */
export function checkedRepeat(s: string, count: number): string {
  if (count < 0) throw new Error('strings: negative Repeat count');
  if (s.length * count > MAX_OUTPUT) {
    throw new Error(`result of ${s.length * count} characters exceeds the template output limit of ${MAX_OUTPUT}`);
  }
  return s.repeat(count);
}

/** A list a function builds may not hold more elements than one execution may take steps. */
export function checkedLength(name: string, length: number): void {
  if (length > MAX_STEPS) throw new Error(`${name} of ${length} elements exceeds the limit of ${MAX_STEPS} for one template execution`);
}

/** encoding/json's nesting limit for decoding. */
export const MAX_JSON_DEPTH = 10_000;
