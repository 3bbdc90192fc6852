/**
 * Text for one line of a report: what a user passed may hold line breaks, control characters or a megabyte of
 * text, and a report line must stay one readable line that still ends with its fix.
 */

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

/** Control characters (C0, DEL, C1) and the characters YAML and terminals also read as line breaks. */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** `text` with its control characters escaped as JSON writes them (`\n`, `\u0007`). */
export function escapeControl(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code)) continue;
    out += text.slice(from, i) + (SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A value for a message: control characters escaped, and cut to `max` characters (saying how long it was). */
export function shortValue(text: string, max = 80): string {
  return cutEnd(escapeControl(text), max, text.length);
}

/** `text` cut to `max` characters, saying how long it was (`length`, when `text` is an escaped form). */
export function cutEnd(text: string, max: number, length = text.length): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${length} characters)`;
}

/**
 * A whole message on one line: control characters escaped; a message longer than `max` keeps its start (the thing)
 * and its end (the fix), with what was cut in between counted.
 */
export function oneLine(message: string, max = 1000): string {
  return keepEnds(escapeControl(message), max);
}

/** `text` longer than `max` cut to its start and its end (the fix), with what was cut in between counted. */
export function keepEnds(text: string, max = 1000): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = max - head;
  return `${text.slice(0, head)} [... ${text.length - max} characters ...] ${text.slice(-tail)}`;
}
