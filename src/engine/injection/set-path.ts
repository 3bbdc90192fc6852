/**
 * Helm-style `--set path=value` edits of the injection values tree (what the templates read as
 * `.Values`). Values files are merged by `mergeValues` in tree.ts.
 */
import { UserError } from '../../errors';
import { isRecord } from '../k8s/object';

/** Values that stay strings even when they look like numbers: image tags, versions, proxy metadata. */
const ALWAYS_STRING = ['global.tag', 'compatibilityVersion', 'meshConfig.defaultConfig.proxyMetadata'];

/** Helm caps list indexes too: a typo must not allocate a huge list. */
const MAX_INDEX = 65535;

const INTEGER = /^[+-]?(0|[1-9]\d*)$/;
const FLOAT = /^[+-]?(0|[1-9]\d*)?(\.\d+)?([eE][+-]?\d+)?$/;

type Step = string | number;

/**
 * Applies one `path=value` assignment to `tree`, the way `helm --set` does:
 *
 * - the path is split at dots (`\.` is a literal dot); `name[2]` addresses a list element;
 *   missing maps and lists on the way are created, a scalar on the way is replaced by a map;
 * - the value is split at the first `=` only and is never split at commas (`4,5,6` stays one
 *   string; `\,` is read as `,`);
 * - `true`/`false` (any case) become booleans, decimal integers and floats become numbers
 *   (except `global.tag`, `compatibilityVersion` and proxy metadata, which stay strings; numbers
 *   with a leading zero or beyond 2^53 also stay strings), anything else is a string;
 * - `null` (any case) removes the key, as a Helm `null` does; in a list it leaves a null element.
 *
 * Mutates the top-level `tree` only: nested maps and lists on the path are copied before they
 * change, so a tree that shares branches with defaults never changes those defaults.
 * Throws UserError for a missing `=`, an empty path or path segment, a bad list index, or a value that would
 * replace a map of settings (`--set global=1`).
 */
export function setPath(tree: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq < 0) {
    throw new UserError(`--set "${assignment}" has no "=": write it as <path>=<value>, e.g. global.proxy.logLevel=debug`);
  }
  const path = assignment.slice(0, eq);
  const raw = assignment.slice(eq + 1);
  const steps = parsePath(path, assignment);
  const plainPath = steps.filter((s) => typeof s === 'string').join('.');
  const value = typedValue(raw, plainPath);

  let node: Record<string, unknown> | unknown[] = tree;
  for (let i = 0; i < steps.length - 1; i++) {
    const current = readStep(node, steps[i]);
    const child: Record<string, unknown> | unknown[] =
      typeof steps[i + 1] === 'number' ? (Array.isArray(current) ? [...current] : []) : isRecord(current) ? { ...current } : {};
    writeStep(node, steps[i], child);
    node = child;
  }
  const last = steps[steps.length - 1];
  // The templates read maps such as `global` or `global.proxy` key by key: a scalar there breaks the output
  // silently (`--set global=1` renders the image `/proxyv2:`). Removing one with null stays possible, as in helm.
  if (value !== REMOVE && isRecord(readStep(node, last))) throw mapReplaced(`--set "${assignment}"`, path, value);
  if (value === REMOVE) {
    if (typeof last === 'string') delete (node as Record<string, unknown>)[last];
    else writeStep(node, last, null);
  } else {
    writeStep(node, last, value);
  }
}

const REMOVE = Symbol('remove');

/** The error for an input (`where`) that would replace the map of settings at `path` with `value`. */
export function mapReplaced(where: string, path: string, value: unknown): UserError {
  return new UserError(
    `${where}: ${path} is a map of settings in the values, and ${JSON.stringify(value)} would replace it whole: ` +
      `set the keys inside it instead, such as ${path}.<key>`,
  );
}

function parsePath(path: string, assignment: string): Step[] {
  if (path.trim() === '') {
    throw new UserError(`--set "${assignment}" has an empty path before "=": name the value to set, e.g. global.proxy.logLevel=debug`);
  }
  const steps: Step[] = [];
  for (const segment of splitUnescaped(path)) {
    const match = /^((?:[^[\]]|\\\[|\\\])*)((?:\[[^\]]*\])*)$/.exec(segment);
    const name = match?.[1].replace(/\\([.[\]])/g, '$1') ?? '';
    if (!match || name === '') {
      throw new UserError(
        `--set "${assignment}": path segment "${segment}" is empty or malformed: write dotted keys such as a.b.c or a.list[0].c`,
      );
    }
    if (name === '__proto__') {
      throw new UserError(`--set "${assignment}": "__proto__" is not allowed as a key`);
    }
    steps.push(name);
    for (const [, index] of match[2].matchAll(/\[([^\]]*)\]/g)) {
      if (!/^\d+$/.test(index) || Number(index) > MAX_INDEX) {
        throw new UserError(`--set "${assignment}": list index [${index}] must be a whole number from 0 to ${MAX_INDEX}`);
      }
      steps.push(Number(index));
    }
  }
  return steps;
}

/** Splits at dots that are not escaped with a backslash; the backslashes stay for the caller. */
function splitUnescaped(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && i + 1 < path.length) {
      current += path[i] + path[i + 1];
      i++;
    } else if (path[i] === '.') {
      parts.push(current);
      current = '';
    } else {
      current += path[i];
    }
  }
  parts.push(current);
  return parts;
}

function typedValue(raw: string, path: string): unknown {
  const text = raw.replace(/\\,/g, ',');
  if (ALWAYS_STRING.some((p) => path === p || path.startsWith(`${p}.`))) return text;
  const lower = text.toLowerCase();
  if (lower === 'null') return REMOVE;
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (text !== '' && /\d/.test(text) && FLOAT.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function readStep(node: Record<string, unknown> | unknown[], step: Step): unknown {
  if (Array.isArray(node)) return typeof step === 'number' ? node[step] : undefined;
  return typeof step === 'string' && Object.prototype.hasOwnProperty.call(node, step) ? node[step] : undefined;
}

function writeStep(node: Record<string, unknown> | unknown[], step: Step, value: unknown): void {
  if (Array.isArray(node)) {
    while (node.length < (step as number)) node.push(null);
    node[step as number] = value;
  } else {
    (node as Record<string, unknown>)[step] = value;
  }
}
