import { isValuesObject } from './common';

/**
 * Whether a character is a control character (U+0000-U+001F, U+007F) or one that YAML 1.1 parsers also read as
 * a line break (U+0085, U+2028, U+2029). The Istio charts print many values as they are (`name: {{ . }}`), so a
 * line break in a value lets it write YAML of its own, down to whole extra objects
 * (`regcred\n---\nkind: ClusterRoleBinding`). `multiLine` lets newline and tab through.
 */
function isControl(code: number, multiLine: boolean): boolean {
  if (multiLine && (code === 0x0a || code === 0x09)) return false;
  return code <= 0x1f || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Index of the first control character of `text`, or -1. */
function firstControl(text: string, multiLine: boolean): number {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i), multiLine)) return i;
  return -1;
}

/**
 * Value paths (`*`: any key or list index) where a multi-line string is legitimate AND every template of the
 * Istio 1.30.3 chart that reads it prints it safely (through toYaml/toJson into an indented block, where a line
 * break stays inside the string). Kept minimal; each entry says why it is safe:
 * - istiod `sidecarInjectorWebhook.templates.*`: injection templates are multi-line Go templates; the injector
 *   ConfigMap prints the map with toYaml into its indented `config` block, and the values ConfigMaps with toJson.
 * - istiod `meshConfig.caCertificates.*.pem`: PEM bundles are multi-line; meshConfig reaches the output only
 *   merged into the mesh config, which is printed with toYaml into the indented `mesh` block (and with toJson).
 */
const MULTI_LINE_PATHS: Readonly<Record<string, readonly string[]>> = {
  istiod: ['sidecarInjectorWebhook.templates.*', 'meshConfig.caCertificates.*.pem'],
};

/**
 * One error per string (value or key) of a chart's values that holds a control character, naming its path
 * (`values.global.imagePullSecrets[0]`), the character, and the fix. `chart` selects the allow-list.
 */
export function controlCharacterErrors(chart: string, values: Record<string, unknown>): string[] {
  const allowed = (MULTI_LINE_PATHS[chart] ?? []).map((p) => p.split('.'));
  const errors: string[] = [];
  const visit = (value: unknown, segments: string[], shown: string): void => {
    if (typeof value === 'string') {
      const multiLine = allowed.some((pattern) => matches(pattern, segments));
      const at = firstControl(value, multiLine);
      if (at >= 0) errors.push(problem(shown, value[at], at, multiLine));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...segments, String(i)], `${shown}[${i}]`));
    } else if (isValuesObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const at = firstControl(key, false);
        if (at >= 0) {
          errors.push(
            `${shown} has the key ${JSON.stringify(key)} with ${describe(key[at])}: the chart may print keys as they are; rename the key`,
          );
        } else {
          visit(item, [...segments, key], `${shown}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`);
        }
      }
    }
  };
  visit(values, [], 'values');
  return errors;
}

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  return pattern.length === segments.length && pattern.every((p, i) => p === '*' || p === segments[i]);
}

function problem(path: string, char: string, index: number, multiLine: boolean): string {
  const what = `${path} holds ${describe(char)} at position ${index}`;
  if (multiLine) return `${what}: only line breaks (\\n) and tabs may appear in this multi-line value; remove it`;
  return (
    `${what}: the chart prints this value as it is, so a line break or control character could add YAML of its own ` +
    'to the output; remove it (give a single-line value)'
  );
}

function describe(char: string): string {
  const names: Record<string, string> = { '\n': 'a line feed', '\r': 'a carriage return', '\t': 'a tab' };
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return names[char] ? `${names[char]} (${code})` : `the control character ${code}`;
}
