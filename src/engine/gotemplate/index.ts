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
export { typedMap, withArity } from './builtins';
export type { TemplateFunction } from './builtins';
export { formatValue, sprint, sprintf } from './format';

export interface TemplateOptions {
  /**
   * Functions the template may call, on top of (and overriding) Go's predefined ones.
   * Declare an arity with `withArity` to get Go's "wrong number of args" errors.
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
  const trees: ReadonlyMap<string, Tree> = parse(name, source, (f) => funcs.has(f));
  return {
    name,
    templateNames: [...trees.keys()].sort(),
    execute(data: unknown, templateName = name): string {
      const tree = trees.get(templateName);
      if (!tree) {
        const reason = `no template "${templateName}" associated with template "${name}"`;
        throw new TemplateError(name, 0, reason, `template: ${reason}`);
      }
      return execute(tree, trees, funcs, data);
    },
  };
}

/** Parses and runs `source` on `data` in one step. */
export function render(source: string, data: unknown, options: TemplateOptions = {}): string {
  return parseTemplate(source, options).execute(data);
}
