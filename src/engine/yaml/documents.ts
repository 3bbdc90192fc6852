import { LineCounter, parseAllDocuments } from 'yaml';
import { emitYaml } from './emit';

/** One YAML document of a stream, with the line it starts on (1-based) for messages. */
export interface YamlDocument {
  readonly value: unknown;
  readonly line: number;
  /** The document's own text, so pass-through documents can be written back unchanged. */
  readonly text: string;
}

export class YamlParseError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${reason}`);
    this.name = 'YamlParseError';
  }
}

/**
 * Parses a multi-document YAML stream. Empty documents (a lone `---`) are dropped.
 * Throws YamlParseError naming the source, line and reason of the first syntax error.
 * `firstLine` is the line `text` starts on in a longer stream (a piece from split.ts), so lines name the stream's.
 * `lastKeyWins` reads a repeated mapping key as its last value, as Kubernetes' and helm's own YAML readers do: for
 * helm output, which must be read as `helm install` reads it (Istio's 1.30.3 gateway chart repeats the labels `app`
 * and `istio` on its NetworkPolicy). Anything else refuses repeated keys.
 */
export function parseDocuments(text: string, source = '<input>', firstLine = 1, lastKeyWins = false): YamlDocument[] {
  const lineCounter = new LineCounter();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: !lastKeyWins, prettyErrors: false });
  const out: YamlDocument[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error) {
      throw new YamlParseError(source, lineOf(error.pos[0]), error.message.split('\n')[0]);
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // Alias problems (unresolved, or an alias bomb) surface only when the document is resolved.
      throw new YamlParseError(source, lineOf(start), e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
    if (value === null || value === undefined) continue;
    out.push({ value, line: lineOf(start), text: text.slice(doc.range[0], doc.range[2]) });
  }
  return out;
}

/**
 * Writes documents as one stream with stable formatting: keys in the objects' own order, no line folding
 * (long strings stay on one line, so diffs stay readable), `---` between documents. Objects here are always
 * JSON-shaped, so the fast writer in emit.ts serves (the `yaml` package's writer cost most of a synth).
 */
export function stringifyDocuments(values: readonly unknown[]): string {
  return values.map((v) => emitYaml(v)).join('---\n');
}
