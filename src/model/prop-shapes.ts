/**
 * Shape checks of props for JavaScript callers, whom the TypeScript types do not stop: a construct runs them before
 * it reads its props, so a number where a list belongs ends in one line naming the prop and the fix instead of a
 * TypeError from deep inside. (Schema libraries such as ajv check JSON data, not class instances and functions.)
 */
import { UserError } from '../errors';
import { describeValue } from './names';

export type Shape = 'array' | 'string' | 'object' | 'number' | 'string array' | 'object array' | 'built';

function hasShape(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string array':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object array':
      return Array.isArray(value) && value.every((v) => hasShape(v, 'object'));
    case 'built':
      return hasShape(value, 'object') && typeof (value as { toSpec?: unknown }).toSpec === 'function';
  }
}

const WORDS: Record<Shape, string> = {
  array: 'a list',
  string: 'a string',
  number: 'a number',
  object: 'an object',
  'string array': 'a list of strings',
  'object array': 'a list of objects',
  built: 'made by its class (e.g. StringMatch.exact(...), HttpRouteFilter.redirect(...))',
};

/** A message when `value` (undefined allowed when `optional`) is not of `shape`, else undefined. */
export function shapeProblem(value: unknown, shape: Shape, what: string, optional = false): string | undefined {
  if ((optional && value === undefined) || hasShape(value, shape)) return undefined;
  const got = Array.isArray(value) && shape.endsWith('array') ? 'a list with other items' : describeValue(value);
  return `${what} must be ${WORDS[shape]}, got ${got}`;
}

/** Throws one UserError naming the construct path and every problem, when there is any. */
export function assertShapes(path: string, problems: readonly (string | undefined)[]): void {
  const found = problems.filter((p): p is string => p !== undefined);
  if (found.length > 0) throw new UserError(`[${path}] ${found.join('; ')}: pass props of the documented types`);
}
