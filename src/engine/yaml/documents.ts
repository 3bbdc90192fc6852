import { Composer, type Document, LineCounter, Parser } from 'yaml';
import { emitYaml } from './emit';
import { MAX_NESTING, tokenNesting, valueTooDeep } from './nesting';

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
  const out: YamlDocument[] = [];
  const composed = composeDocuments(text, lineCounter, lastKeyWins, (offset) => new YamlParseError(source, lineOf(offset), TOO_DEEP));
  for (const { doc, aliases } of composed) {
    const error = doc.errors[0];
    if (error) {
      throw new YamlParseError(source, lineOf(error.pos[0]), error.message.split('\n')[0]);
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // Alias problems (unresolved, an alias bomb, or aliases nesting a document too deep) surface only here.
      const reason = e instanceof RangeError ? TOO_DEEP : e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new YamlParseError(source, lineOf(start), reason);
    }
    if (aliases && valueTooDeep(value)) throw new YamlParseError(source, lineOf(start), TOO_DEEP);
    if (value === null || value === undefined) continue;
    out.push({ value, line: lineOf(start), text: text.slice(doc.range[0], doc.range[2]) });
  }
  return out;
}

const TOO_DEEP = `nested deeper than ${MAX_NESTING} levels: flatten it, or check the tool that generated it`;

/**
 * The documents of `text` as parseAllDocuments composes them, but a document nested deeper than MAX_NESTING is
 * refused (with `tooDeep`'s error) before it is composed; the documents before it are yielded first, so an error
 * in one of them is still the one reported. `aliases` says an alias was seen so far (its value needs a check).
 */
function* composeDocuments(
  text: string,
  lineCounter: LineCounter,
  lastKeyWins: boolean,
  tooDeep: (offset: number) => Error,
): Generator<{ doc: Document.Parsed; aliases: boolean }> {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ uniqueKeys: !lastKeyWins });
  let aliases = false;
  for (const token of parser.parse(text)) {
    const nesting = tokenNesting(token);
    // Set before the document is yielded: the composer yields a document only once the next token arrives.
    aliases ||= nesting.hasAliases;
    if (nesting.tooDeepAt === undefined) {
      for (const doc of composer.next(token)) yield { doc, aliases };
      continue;
    }
    for (const doc of composer.end()) yield { doc, aliases };
    throw tooDeep(nesting.tooDeepAt);
  }
  for (const doc of composer.end()) yield { doc, aliases };
}

/**
 * Writes documents as one stream with stable formatting: keys in the objects' own order, no line folding
 * (long strings stay on one line, so diffs stay readable), `---` between documents. Objects here are always
 * JSON-shaped, so the fast writer in emit.ts serves (the `yaml` package's writer cost most of a synth).
 */
export function stringifyDocuments(values: readonly unknown[]): string {
  return values.map((v) => emitYaml(v)).join('---\n');
}
