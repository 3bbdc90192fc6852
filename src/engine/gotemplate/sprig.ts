/**
 * The Sprig (Masterminds/sprig v3) functions Istio's injection templates can use, with Sprig's
 * argument order (`trimSuffix "-" .s`, `contains "x" .s`), Go parameter types and Go results. Left out
 * on purpose: clocks, randomness, environment and network access (`now`, `uuidv4`, `env`, …), since
 * output must be deterministic, and Helm's own additions (`toYaml`, `required`, `include`, `tpl`),
 * which istiod does not have.
 */
import { boolArg, stringArg as str } from './args';
import { type TemplateFunction, withParams } from './builtins';
import { goTypeName } from './format';
import { marshalJSON, unmarshalJSON } from './json';
import { COLLECTION_FUNCTIONS } from './sprig-collections';
import { STRING_FUNCTIONS } from './sprig-strings';
import { regexFunctions, semverCompare } from './sprig-text';
import { empty, kindOf, parseGoInt, toFloat64, toInt64 } from './sprig-values';

const ANY = 'interface {}';

/** Sprig's toJson family: json.Marshal, with "" when Go's encoder fails. */
function toJson(v: unknown, indent?: string, escapeHtml = true): string {
  try {
    return marshalJSON(v, { indent, escapeHtml });
  } catch {
    return '';
  }
}

function intDivide(a: number, b: number, op: 'div' | 'mod'): number {
  if (b === 0) throw new Error('runtime error: integer divide by zero');
  return op === 'div' ? Math.trunc(a / b) : a % b;
}

const p = withParams;

export const SPRIG_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  // defaults and flow
  default: p((d: unknown, ...given: unknown[]) => (given.length === 0 || empty(given[0]) ? d : given[0]), [ANY], ANY),
  empty: p(empty, [ANY]),
  coalesce: p((...v: unknown[]) => v.find((x) => !empty(x)) ?? null, [], ANY),
  all: p((...v: unknown[]) => v.every((x) => !empty(x)), [], ANY),
  any: p((...v: unknown[]) => v.some((x) => !empty(x)), [], ANY),
  ternary: p((vt: unknown, vf: unknown, cond: unknown) => (boolArg(cond) ? vt : vf), [ANY, ANY, 'bool']),
  fail: p(
    (msg: unknown) => {
      throw new Error(str(msg));
    },
    ['string'],
  ),
  // types and conversion
  kindOf: p(kindOf, [ANY]),
  kindIs: p((kind: unknown, v: unknown) => str(kind) === kindOf(v), ['string', ANY]),
  typeOf: p(goTypeName, [ANY]),
  typeIs: p((t: unknown, v: unknown) => str(t) === goTypeName(v), ['string', ANY]),
  int: p(toInt64, [ANY]),
  int64: p(toInt64, [ANY]),
  float64: p(toFloat64, [ANY]),
  atoi: p((s: unknown) => (/^[+-]?\d+$/.test(str(s)) ? (parseGoInt(str(s).replace(/^([+-]?)0+(?=\d)/, '$1')) ?? 0) : 0), ['string']),
  toJson: p((v: unknown) => toJson(v), [ANY]),
  toPrettyJson: p((v: unknown) => toJson(v, '  '), [ANY]),
  toRawJson: p((v: unknown) => toJson(v, undefined, false), [ANY]),
  fromJson: p(
    (s: unknown) => {
      try {
        return unmarshalJSON(str(s));
      } catch {
        return null;
      }
    },
    ['string'],
  ),
  mustFromJson: p((s: unknown) => unmarshalJSON(str(s)), ['string']),
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...regexFunctions(),
  semverCompare: p((c: unknown, v: unknown) => semverCompare(str(c), str(v)), ['string', 'string']),
  // math (int64, as Sprig)
  add: p((...v: unknown[]) => v.reduce<number>((a, x) => a + toInt64(x), 0), [], ANY),
  add1: p((v: unknown) => toInt64(v) + 1, [ANY]),
  sub: p((a: unknown, b: unknown) => toInt64(a) - toInt64(b), [ANY, ANY]),
  mul: p((a: unknown, ...v: unknown[]) => v.reduce<number>((acc, x) => acc * toInt64(x), toInt64(a)), [ANY], ANY),
  div: p((a: unknown, b: unknown) => intDivide(toInt64(a), toInt64(b), 'div'), [ANY, ANY]),
  mod: p((a: unknown, b: unknown) => intDivide(toInt64(a), toInt64(b), 'mod'), [ANY, ANY]),
  max: p((a: unknown, ...v: unknown[]) => Math.max(toInt64(a), ...v.map(toInt64)), [ANY], ANY),
  min: p((a: unknown, ...v: unknown[]) => Math.min(toInt64(a), ...v.map(toInt64)), [ANY], ANY),
};
