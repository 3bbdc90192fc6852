// Typed access into parsed YAML/JSON for tests, so assertions need no `any`.

/** A parsed object: its fields are unknown until a test narrows them. */
export type JsonObject = Record<string, unknown>;

/** The value at `path` (object keys and array indexes); undefined where a step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The array at `path`, its items as objects; [] where there is none. */
export function list(value: unknown, ...path: (string | number)[]): JsonObject[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? (found as JsonObject[]) : [];
}
