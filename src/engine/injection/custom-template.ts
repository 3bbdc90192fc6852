/**
 * Templates given in values (`sidecarInjectorWebhook.templates`): Go text/template bodies, rendered with
 * the same data and helper functions Istio gives them, then read as a pod overlay.
 */
import { parse } from 'yaml';
import { parseTemplate, SPRIG_FUNCTIONS, type Template } from '../gotemplate';
import { isRecord } from '../k8s/object';
import { goTemplateInput, type TemplateInput } from './context';
import { InjectionError } from './errors';
import { TEMPLATE_FUNCTIONS } from './template-functions';
import { type Tree } from './tree';

const FUNCTIONS = { ...SPRIG_FUNCTIONS, ...TEMPLATE_FUNCTIONS };

/** Parses a template from values once; syntax errors are injection errors naming the template. */
export function parseCustomTemplate(name: string, source: string): Template {
  try {
    return parseTemplate(source, { name, funcs: FUNCTIONS });
  } catch (e) {
    throw new InjectionError(`failed to parse injection template "${name}": ${(e as Error).message}`);
  }
}

export function renderCustomTemplate(template: Template, input: TemplateInput): Tree {
  const name = template.name;
  let text: string;
  try {
    text = template.execute(goTemplateInput(input));
  } catch (e) {
    throw new InjectionError(`failed to run injection template "${name}": ${(e as Error).message}`);
  }
  let overlay: unknown;
  try {
    overlay = parse(text);
  } catch (e) {
    throw new InjectionError(`failed parsing generated injected YAML of template "${name}": ${(e as Error).message.split('\n')[0]}`);
  }
  if (overlay === null || overlay === undefined) return {};
  if (!isRecord(overlay)) throw new InjectionError(`template "${name}" must produce a YAML map (a pod overlay)`);
  return overlay;
}
