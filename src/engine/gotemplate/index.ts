/**
 * A Go text/template interpreter for custom sidecar-injection templates.
 *
 *   const t = parseTemplate(source, { name: 'custom', funcs: { ...SPRIG_FUNCTIONS, ...injectorFuncs } });
 *   t.execute(data);
 */
import { BUILTINS, type TemplateFunction } from './builtins';
import { TemplateError } from './errors';
import { execute } from './exec';
import { parse } from './parser';
import { type Tree } from './ast';

export { TemplateError } from './errors';
export { SPRIG_FUNCTIONS } from './sprig';
export { callFunction, withArity, withParams } from './builtins';
export { goLower } from './sprig-strings';
export type { TemplateFunction } from './builtins';
export { intArg, mapArg, sliceArg, stringArg, structArg } from './args';
export { goTypeName, sprint } from './format';
export { decodeJSON } from './decode';
export { marshalJSON, unmarshalJSON } from './json';
export { GoPointer, GoStruct, markOf, markType, typeName, zeroOf } from './values';
export type { GoType, StructField, StructMethod, StructType } from './values';
export { goYaml } from './yaml';

export interface TemplateOptions {
  /**
   * Functions the template may call, on top of (and overriding) Go's predefined ones.
   * Declare an arity with `withArity`, or Go parameter types with `withParams`, to get Go's argument errors.
   * @default only Go's predefined functions
   */
  readonly funcs?: Readonly<Record<string, TemplateFunction>>;
  /**
   * Name of the main template, used in error messages.
   * @default 'template'
   */
  readonly name?: string;
}

/** A parsed template set: the main template and every `define`/`block` in its source. */
export interface Template {
  readonly name: string;
  /** Names of all templates in the set, sorted. */
  readonly templateNames: readonly string[];
  /** Runs the main template (or the named one) on `data`; throws TemplateError on failure. */
  execute(data: unknown, templateName?: string): string;
}

/** Parses once; the result can be executed many times. Throws TemplateError on syntax errors. */
export function parseTemplate(source: string, options: TemplateOptions = {}): Template {
  const name = options.name ?? 'template';
  const funcs = new Map<string, TemplateFunction>(Object.entries(BUILTINS));
  for (const [k, fn] of Object.entries(options.funcs ?? {})) funcs.set(k, fn);
  const trees: ReadonlyMap<string, Tree> = guardStack(name, () => parse(name, source, (f) => funcs.has(f)));
  return {
    name,
    templateNames: [...trees.keys()].sort(),
    execute(data: unknown, templateName = name): string {
      const tree = trees.get(templateName);
      if (!tree) {
        const reason = `no template "${templateName}" associated with template "${name}"`;
        throw new TemplateError(name, 0, reason, `template: ${reason}`);
      }
      return guardStack(name, () => execute(tree, trees, funcs, data));
    },
  };
}

/** Parses and runs `source` on `data` in one step. */
export function render(source: string, data: unknown, options: TemplateOptions = {}): string {
  return parseTemplate(source, options).execute(data);
}

/**
 * Runs `fn`, turning a JS stack overflow (a template nested or recursing deeper than the interpreter's
 * stack allows) or an over-long JS string into a one-line template error.
 */
function guardStack<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const reason = /call stack/i.test(e.message)
      ? 'actions, values or template calls nest too deeply for this interpreter (its stack ran out); flatten the template'
      : `the template builds a value too large to hold (${e.message})`;
    throw new TemplateError(name, 0, reason, `template: ${name}: ${reason}`);
  }
}
