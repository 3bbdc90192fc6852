/**
 * How deep a YAML document nests, measured on the parser's token tree before the document is composed: the `yaml`
 * package composes (and our code later walks) nested collections by recursion, so a document nested a few hundred
 * levels deeper than any Kubernetes object overflows the call stack somewhere that depends on how deep the caller
 * already is. Checking a fixed limit first makes the refusal the same everywhere. Both walks keep their own stack,
 * so they cannot overflow themselves; the `yaml` package's visitors recurse, which is why they are not used.
 */
import { CST } from 'yaml';

/**
 * The deepest nesting of collections a document may have. Kubernetes objects, CRD schemas included, nest well under
 * a hundred levels; the `yaml` package overflowed the default call stack of the CLI at 780 levels of flow mappings
 * (measured by reading generated documents with `cdk8s-istio analyze`), so 500 keeps a margin for deeper callers.
 */
export const MAX_NESTING = 500;

export interface TokenNesting {
  /** The offset of the first collection, in reading order, nested deeper than the limit. */
  readonly tooDeepAt?: number;
  /** An alias can nest the composed value deeper than the text: check it with valueTooDeep. */
  readonly hasAliases: boolean;
}

/** Measures the nesting of `token` (a document, as the parser yields it) against `limit`. */
export function tokenNesting(token: CST.Token, limit = MAX_NESTING): TokenNesting {
  let hasAliases = false;
  const pending: Array<{ token: CST.Token; depth: number }> = [{ token, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token: t, depth } = next;
    if (t.type === 'document') {
      if (t.value) pending.push({ token: t.value, depth });
      continue;
    }
    if (t.type === 'alias') hasAliases = true;
    if (!CST.isCollection(t)) continue;
    if (depth + 1 > limit) return { tooDeepAt: t.offset, hasAliases };
    // Pushed last item first, value before key, so the walk meets collections in reading order.
    for (let i = t.items.length - 1; i >= 0; i--) {
      const { key, value } = t.items[i];
      if (value) pending.push({ token: value, depth: depth + 1 });
      // A complex key (`? [a, b]`) nests as deep as a value does.
      if (key) pending.push({ token: key, depth: depth + 1 });
    }
  }
  return { hasAliases };
}

/**
 * Whether a composed value nests objects and arrays deeper than `limit`. Walks the value as a tree (an object an
 * alias repeats is walked each time), as every later reader of it does; the `yaml` package's maxAliasCount bounds
 * that size.
 */
export function valueTooDeep(value: unknown, limit = MAX_NESTING): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
