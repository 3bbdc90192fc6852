/** Offline sidecar injection, equal to `istioctl kube-inject` of Istio 1.30.3. */
import { isRecord } from '../k8s/object';
import { parseDocuments } from '../yaml/documents';
import { emitYaml } from './emit-yaml';
import { InjectionError } from './errors';
import { injectTarget } from './inject';
import { isHandledKind, locatePod } from './kinds';
import { normalizeWorkload } from './normalize';
import { prepare, PreparedSettings } from './prepared';
import { InjectionSettings } from './settings';
import { clone, Tree } from './tree';

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
  if (!isRecord(object) || !isHandledKind(object.apiVersion, object.kind)) return { object, warnings: [] };
  const out = clone(object) as Tree;
  const warnings = injectInPlace(out, prepared);
  return { object: out, warnings };
}

function injectInPlace(object: Tree, prepared: PreparedSettings): string[] {
  if (object.kind === 'List') {
    const items = Array.isArray(object.items) ? object.items : [];
    return items.flatMap((item) => (isRecord(item) && isHandledKind(item.apiVersion, item.kind) ? injectInPlace(item, prepared) : []));
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
 * byte for byte; each output document is followed by a `---` line.
 */
export function injectYaml(text: string, settings: InjectionSettings, source = '<input>'): { readonly yaml: string; readonly warnings: string[] } {
  const prepared = prepare(settings);
  const warnings: string[] = [];
  let yaml = '';
  for (const doc of parseDocuments(text, source)) {
    const value = doc.value;
    if (!isRecord(value) || !isHandledKind(value.apiVersion, value.kind)) {
      yaml += doc.text.endsWith('\n') ? doc.text : `${doc.text}\n`;
    } else {
      const out = clone(value) as Tree;
      try {
        warnings.push(...injectInPlace(out, prepared));
      } catch (e) {
        if (e instanceof InjectionError) {
          throw new InjectionError(`${source}:${doc.line}: ${e.message}`, e.document, e.field);
        }
        throw e;
      }
      yaml += emitYaml(out);
    }
    yaml += '---\n';
  }
  return { yaml, warnings };
}

function describe(object: Tree): string {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/` : '';
  return `${String(object.kind)} ${ns}${typeof meta.name === 'string' ? meta.name : '<unnamed>'}`;
}
