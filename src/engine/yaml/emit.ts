/**
 * A fast YAML writer for plain JSON-shaped data (maps, lists, strings, numbers, booleans, null), in the
 * same block style as the `yaml` package writes (sequences indented under their key). It exists because
 * injected output is many times larger than its input and the general-purpose writer dominated the cost.
 * Strings that could read back as anything but the same string are quoted (single quotes when printable,
 * else JSON double quotes, whose escapes are valid YAML); multi-line strings become literal blocks when exact.
 */

const KEYWORDS = new Set(['null', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);
const PLAIN = /^[A-Za-z0-9_./$()+\\-][A-Za-z0-9_./$()=+:,;@%\\ -]*$/;
const NUMBER_LIKE = /^[-+]?(\.?[0-9][0-9_.:eExXoObB+\-a-fA-F]*|\.(inf|Inf|INF|nan|NaN|NAN))$/;
// These two patterns exist to find control characters, which is what no-control-regex forbids.
// eslint-disable-next-line no-control-regex -- see above
const SINGLE_QUOTABLE = /^[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*$/;
// eslint-disable-next-line no-control-regex -- see above
const PRINTABLE_BLOCK = /^[^\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff\r]*$/;

export function emitYaml(value: unknown): string {
  if (isMap(value)) return Object.keys(value).length === 0 ? '{}\n' : mapLines(value, '');
  if (Array.isArray(value)) return value.length === 0 ? '[]\n' : listLines(value, '');
  return `${scalar(value, '')}\n`;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapLines(map: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v === undefined) continue;
    out += `${indent}${isPlain(key) ? key : quoted(key)}:${valueAfterKey(v, indent)}`;
  }
  return out;
}

function listLines(list: unknown[], indent: string): string {
  let out = '';
  for (const item of list) {
    const v = item === undefined ? null : item;
    if (isMap(v) && Object.keys(v).length > 0) {
      // The first entry shares the dash's line; the rest line up under it.
      const inner = `${indent}  `;
      out += `${indent}- ${mapLines(v, inner).slice(inner.length)}`;
    } else if (Array.isArray(v) && v.length > 0) {
      const inner = `${indent}  `;
      out += `${indent}- ${listLines(v, inner).slice(inner.length)}`;
    } else {
      out += `${indent}- ${collectionOrScalar(v, `${indent}  `)}\n`;
    }
  }
  return out;
}

function valueAfterKey(v: unknown, indent: string): string {
  if (isMap(v) && Object.keys(v).length > 0) return `\n${mapLines(v, `${indent}  `)}`;
  if (Array.isArray(v) && v.length > 0) return `\n${listLines(v, `${indent}  `)}`;
  return ` ${collectionOrScalar(v, `${indent}  `)}\n`;
}

function collectionOrScalar(v: unknown, blockIndent: string): string {
  if (isMap(v)) return '{}';
  if (Array.isArray(v)) return '[]';
  return scalar(v, blockIndent);
}

function scalar(v: unknown, blockIndent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '.inf' : '-.inf';
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  return text(String(v), blockIndent);
}

function text(s: string, blockIndent: string): string {
  if (s.includes('\n')) return block(s, blockIndent) ?? JSON.stringify(s);
  return isPlain(s) ? s : quoted(s);
}

/** Single quotes when the string is printable (easier to read, e.g. for JSON values), else JSON double quotes. */
function quoted(s: string): string {
  return SINGLE_QUOTABLE.test(s) ? `'${s.replace(/'/g, "''")}'` : JSON.stringify(s);
}

function isPlain(s: string): boolean {
  if (s === '' || !PLAIN.test(s) || s.endsWith(' ') || s.endsWith(':')) return false;
  if (s.includes(': ') || s.includes(' #') || s.startsWith('- ') || s === '-') return false;
  if (KEYWORDS.has(s.toLowerCase()) || NUMBER_LIKE.test(s)) return false;
  return true;
}

/** A literal block (`|`, `|-`, `|+`), or undefined when one would not read back exactly. */
function block(s: string, indent: string): string | undefined {
  if (!PRINTABLE_BLOCK.test(s) || /^\n*[ \t]/.test(s) || s.trim() === '') return undefined;
  const body = s.replace(/\n+$/, '');
  const trailing = s.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? s.slice(0, -1) : body).split('\n');
  if (lines.some((l) => /^[ \t]*$/.test(l) && l !== '')) return undefined;
  const pad = indent === '' ? '  ' : indent;
  return `|${chomp}\n${lines.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}
