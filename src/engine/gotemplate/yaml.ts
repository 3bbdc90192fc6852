/**
 * sigs.k8s.io/yaml's Marshal, which Istio's and Helm's toYaml use: encoding/json first, then that JSON
 * written as YAML the way go-yaml v2 writes it: its key order, unindented sequences, literal blocks for
 * multi-line text, double quotes for text that would read back as another type or holds characters
 * go-yaml will not print, single quotes where plain text is not allowed. The `yaml` package writes the
 * text; this file chooses its options, the key order and the quoting.
 */
import { Document, isScalar, Scalar, visit } from 'yaml';
import { marshalJSON } from './json';

/** The YAML text, ending in a newline; throws encoding/json's error for values JSON cannot hold. */
export function goYaml(v: unknown): string {
  const data: unknown = JSON.parse(marshalJSON(v));
  const doc = new Document(data, { version: '1.1', sortMapEntries: (a, b) => goYamlKeyOrder(String(a.key), String(b.key)) });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !node.value.includes('\n') && needsDoubleQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && needsDoubleQuotes(pair.key.value))
        pair.key.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, blockQuote: 'literal', singleQuote: true, nullStr: 'null' });
}

const YAML11_NON_STRINGS = [
  /^(?:~|null|Null|NULL|)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/,
  /^<<$/,
  /^[-+]?(?:0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|[0-9][0-9_]*)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
];

/** go-yaml v2 prints only these characters as they are (no tab, no other controls, nothing beyond the BMP). */
function printable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function needsDoubleQuotes(s: string): boolean {
  if (YAML11_NON_STRINGS.some((re) => re.test(s))) return true;
  for (let i = 0; i < s.length; i++) if (!printable(s.charCodeAt(i))) return true;
  return false;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * go-yaml v2's map key order: non-letters before letters, letters by code point, and runs of
 * digits compared as numbers ("a2" before "a10").
 */
export function goYamlKeyOrder(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    // Digits right before this position (all zeros so far) make the runs compare as numbers from here.
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length - br.length;
}
