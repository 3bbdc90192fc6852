/**
 * Go's checks of function arguments against parameter types (text/template's evalArg and
 * validateType), by type name. Literal arguments are checked by their syntax ("expected integer;
 * found 1.5"); other values by their Go type, with nil accepted where Go's type can be nil and one
 * pointer followed. These are text/template's own rules, which no JS library carries.
 */
import { goTypeName } from './format';
import { GoPointer, markType, typeName } from './values';

/** Thrown with Go's reason; the evaluator reports it at the node Go is at. */
export class ArgumentError extends Error {}

type Literal = { kind: 'bool'; value: boolean } | { kind: 'string'; value: string } | { kind: 'number'; value: number; isFloat: boolean };

const INTEGER_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const FLOAT_TYPES = new Set(['float32', 'float64']);

/** Whether Go's nil fits a parameter of this type. */
export function canBeNil(type: string): boolean {
  return type === 'interface {}' || type.startsWith('map[') || type.startsWith('[]') || type.startsWith('*');
}

/** The zero value Go passes for a nil argument of a nilable type. */
export function nilArgument(type: string): unknown {
  if (type.startsWith('map[')) {
    const elem = type.slice(type.indexOf(']') + 1);
    const zero = elem === 'string' ? '' : INTEGER_TYPES.has(elem) || FLOAT_TYPES.has(elem) ? 0 : elem === 'bool' ? false : null;
    return markType({}, { name: type, zero, nil: true });
  }
  if (type.startsWith('[]')) return markType([], { name: type, nil: true });
  return null;
}

/** A literal written in the template (`"x"`, `1`, `true`) passed to a parameter of `type`. */
export function literalArgument(literal: Literal, text: string, type: string): unknown {
  if (type === 'interface {}') return literal.value;
  if (type === 'bool') {
    if (literal.kind === 'bool') return literal.value;
    throw new ArgumentError(`expected bool; found ${text}`);
  }
  if (type === 'string') {
    if (literal.kind === 'string') return literal.value;
    throw new ArgumentError(`expected string; found ${text}`);
  }
  if (INTEGER_TYPES.has(type)) {
    if (literal.kind === 'number' && Number.isInteger(literal.value)) return literal.value;
    throw new ArgumentError(`expected integer; found ${text}`);
  }
  if (FLOAT_TYPES.has(type)) {
    if (literal.kind === 'number') return literal.value;
    throw new ArgumentError(`expected float; found ${text}`);
  }
  throw new ArgumentError(`can't handle ${text} for arg of type ${type}`);
}

/** Whether a value's Go type is `type`, as far as JS values tell Go types apart. */
function hasType(v: unknown, type: string): boolean {
  if (typeof v === 'string') return type === 'string';
  if (typeof v === 'boolean') return type === 'bool';
  // Numbers from YAML values are float64 in Go; integral JS numbers stand for any integer type.
  if (typeof v === 'number') return Number.isInteger(v) ? INTEGER_TYPES.has(type) : FLOAT_TYPES.has(type);
  return goTypeName(v) === type;
}

/** Go's validateType: the value a parameter of `type` receives. */
export function checkArgument(v: unknown, type: string): unknown {
  if (type === 'interface {}') return v;
  if (v === undefined || v === null) {
    if (canBeNil(type)) return nilArgument(type);
    throw new ArgumentError(`invalid value; expected ${type}`);
  }
  if (hasType(v, type)) return v;
  if (v instanceof GoPointer && typeName(v.type.elem) === type) {
    if (v.isNil) throw new ArgumentError(`dereference of nil pointer of type ${type}`);
    return v.elem;
  }
  throw new ArgumentError(`wrong type for value; expected ${type}; got ${goTypeName(v)}`);
}
