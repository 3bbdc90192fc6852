/** Offline sidecar injection, equal to `istioctl kube-inject` of Istio 1.30.3. */
import { isRecord } from '../k8s/object';
import { parseDocuments, type YamlDocument, YamlParseError } from '../yaml/documents';
import { emitYaml } from '../yaml/emit';
import { splitYamlText } from '../yaml/split';
import { InjectionError } from './errors';
import { injectTarget } from './inject';
import { isHandledKind, locatePod } from './kinds';
import { normalizeWorkload } from './normalize';
import { prepare, type PreparedSettings } from './prepared';
import { type InjectionSettings } from './settings';
import { clone, type Tree } from './tree';

export { InjectionError } from './errors';
export { InjectionOverrides, InjectionSettings, buildInjectionSettings } from './settings';

export interface InjectionResult {
  readonly object: unknown;
  readonly warnings: readonly string[];
}

/**
 * Injects the sidecar into one object (a workload, a Pod or a List of them). Objects of other kinds
 * come back unchanged. Pure: the input is not modified. Throws InjectionError when the pod cannot be injected.
 */
export function injectObject(object: unknown, settings: InjectionSettings): InjectionResult {
  const prepared = prepare(settings);
  if (!isRecord(object) || !isHandledKind(object.kind)) return { object, warnings: [] };
  const out = clone(object) as Tree;
  const warnings = injectInPlace(out, prepared);
  return { object: out, warnings };
}

function injectInPlace(object: Tree, prepared: PreparedSettings): string[] {
  if (object.kind === 'List') {
    const items = Array.isArray(object.items) ? object.items : [];
    return items.flatMap((item) => (isRecord(item) && isHandledKind(item.kind) ? injectInPlace(item, prepared) : []));
  }
  const target = locatePod(object);
  if (!target) throw new InjectionError('spec.template is required value', describe(object), 'spec.template');
  normalizeWorkload(object);
  try {
    return injectTarget(target, prepared);
  } catch (e) {
    if (e instanceof InjectionError && e.document === undefined) throw new InjectionError(e.message, describe(object), e.field);
    throw e;
  }
}

/**
 * Injects every document of a YAML stream. Documents of kinds the injector does not handle are copied
 * byte for byte (comments included); each output document is followed by a `---` line. The stream is cut at
 * `---` lines as kubectl reads it; `firstLine` numbers the lines of a piece of a longer stream (the CLI streams).
 */
export function injectYaml(
  text: string,
  settings: InjectionSettings,
  source = '<input>',
  firstLine = 1,
): { readonly yaml: string; readonly warnings: string[] } {
  const prepared = prepare(settings);
  const warnings: string[] = [];
  let yaml = '';
  for (const chunk of splitYamlText(text, { mode: 'documents', source, firstLine, maxDocumentChars: Infinity })) {
    const docs = parseChunk(chunk, source);
    const value = docs.length === 1 ? docs[0].value : undefined;
    if (!isRecord(value) || !isHandledKind(value.kind)) {
      yaml += chunk.text.endsWith('\n') ? chunk.text : `${chunk.text}\n`;
    } else {
      const out = clone(value) as Tree;
      try {
        for (const warning of injectInPlace(out, prepared)) warnings.push(warning); // a List may warn per item: no spread
      } catch (e) {
        if (e instanceof InjectionError) {
          throw new InjectionError(`${source}:${chunk.line + docs[0].line - 1}: ${e.message}`, e.document, e.field);
        }
        throw e;
      }
      yaml += emitYaml(out);
    }
    yaml += '---\n';
  }
  return { yaml, warnings };
}

/** Parses one chunk; a syntax error names its line in the whole stream, not in the chunk. */
function parseChunk(chunk: { text: string; line: number }, source: string): YamlDocument[] {
  try {
    return parseDocuments(chunk.text, source);
  } catch (e) {
    if (e instanceof YamlParseError) throw new YamlParseError(source, chunk.line + e.line - 1, e.reason);
    throw e;
  }
}

function describe(object: Tree): string {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/` : '';
  return `${String(object.kind)} ${ns}${typeof meta.name === 'string' ? meta.name : '<unnamed>'}`;
}
