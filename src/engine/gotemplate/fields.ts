/**
 * Go's evalField: what `.Name` means on a value. Struct fields and methods by name (promoted ones too),
 * pointers followed, map keys looked up; anything else is Go's error for that receiver.
 */
import { type TemplateFunction, withArity } from './builtins';
import { goTypeName, isMap, isStruct } from './format';
import { GoPointer, GoStruct, hasMember, methodOf, zeroOf } from './values';

/** A field that cannot be evaluated; the message is Go's reason. */
export class FieldError extends Error {}

export type Member =
  { readonly kind: 'value'; readonly value: unknown } | { readonly kind: 'method'; readonly fn: TemplateFunction; readonly results?: 0 };

/**
 * `.name` on `receiver` (never undefined: "no value" has no fields and yields no value). `slot` is the
 * static type Go names in errors when the receiver was read from an interface{} slot.
 */
export function member(receiver: unknown, name: string, hasArgs: boolean, slot?: string): Member {
  if (receiver === null) throw new FieldError(`nil pointer evaluating interface {}.${name}`);
  const type = slot ?? goTypeName(receiver);
  let value: unknown = receiver;
  if (value instanceof GoPointer) {
    const elem = value.type.elem;
    if (value.isNil && elem.kind === 'struct' && elem.struct.methods?.[name]?.nilReceiver) {
      return structMember(zeroOf(elem) as GoStruct, name, hasArgs, type);
    }
    if (value.isNil) {
      if (elem.kind === 'struct' && !hasMember(elem.struct, name)) throw new FieldError(`can't evaluate field ${name} in type ${type}`);
      throw new FieldError(`nil pointer evaluating ${type}.${name}`);
    }
    value = value.elem;
  }
  if (value instanceof GoStruct) return structMember(value, name, hasArgs, type);
  if (isMap(value) && !isStruct(value)) {
    if (hasArgs) throw new FieldError(`${name} is not a method but has arguments`);
    return { kind: 'value', value: Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined };
  }
  if (isStruct(value)) return classMember(value, name, hasArgs, type);
  throw new FieldError(`can't evaluate field ${name} in type ${type}`);
}

function structMember(s: GoStruct, name: string, hasArgs: boolean, type: string): Member {
  const m = methodOf(s, name);
  if (m) {
    const fn = withArity((...args: unknown[]) => m.method.call(m.self, ...args), m.method.arity);
    return { kind: 'method', fn, results: m.method.results };
  }
  const field = s.lookup(name);
  if (!field.found) throw new FieldError(`can't evaluate field ${name} in type ${type}`);
  if (hasArgs) throw new FieldError(`${name} has arguments but cannot be invoked as function`);
  return { kind: 'value', value: field.value };
}

/** A JS class instance given as data: its properties are fields and its functions methods. */
function classMember(obj: object, name: string, hasArgs: boolean, type: string): Member {
  if (!(name in obj) || name in Object.prototype) throw new FieldError(`can't evaluate field ${name} in type ${type}`);
  const value = (obj as Record<string, unknown>)[name];
  if (typeof value === 'function') return { kind: 'method', fn: (...args: never[]) => (value as TemplateFunction).apply(obj, args) };
  if (hasArgs) throw new FieldError(`${name} has arguments but cannot be invoked as function`);
  return { kind: 'value', value };
}
