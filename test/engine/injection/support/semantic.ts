/**
 * The comparison of the kube-inject conformance data: both sides parsed as YAML documents; top-level
 * `status` and every `creationTimestamp` dropped; nulls, empty maps and empty lists pruned; strings that
 * hold a JSON object or list compared as parsed JSON. Map key order is ignored, list order is not.
 */
import { parseAllDocuments } from 'yaml';

export function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS({ maxAliasCount: 100 }))
    .filter((v) => v !== null && v !== undefined);
}

export function normalizeDocument(doc: unknown): unknown {
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const { status: _status, ...rest } = doc as Record<string, unknown>;
    return prune(rest);
  }
  return prune(doc);
}

function prune(value: unknown): unknown {
  if (typeof value === 'string') return parsedJson(value);
  if (Array.isArray(value)) {
    const out = value.map(prune).filter((v) => v !== undefined);
    return out.length === 0 ? undefined : out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === 'creationTimestamp') continue;
      const v = prune((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

function parsedJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return text;
  try {
    return { json: JSON.parse(t) };
  } catch {
    return text;
  }
}
