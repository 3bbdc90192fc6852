/**
 * Go-typed values for template data. Plain JS values stand for Go's dynamic ones (objects are
 * map[string]interface {}, arrays []interface {}); these classes and marks add what Go's static types
 * change: structs with a fixed field set (a missing field is an error, an unset one its zero value),
 * typed nil pointers, and slices and maps whose type name and element zero value are known. No JS library
 * models Go's reflect types, so these few classes do.
 */

/** A Go type, as far as templates can tell types apart. */
export type GoType =
  | { readonly kind: 'basic'; readonly name: string; readonly zero: string | number | boolean }
  /** interface{}: the JS value is used as it is. */
  | { readonly kind: 'any' }
  | { readonly kind: 'ptr'; readonly elem: GoType }
  | { readonly kind: 'slice'; readonly elem: GoType; readonly name?: string }
  | { readonly kind: 'map'; readonly elem: GoType; readonly name?: string }
  | { readonly kind: 'struct'; readonly struct: StructType };

export interface StructField {
  /** Go field name; for an embedded field, its type's name. */
  readonly name: string;
  readonly type: GoType;
  /**
   * encoding/json key; '-' for a field JSON skips; '' for a field without a json tag: its Go name is the key,
   * or, for an embedded struct, its fields are inlined.
   */
  readonly json: string;
  readonly omitEmpty: boolean;
  readonly omitZero: boolean;
  readonly embedded: boolean;
}

/** A method as templates call it: receiver first; `results: 0` marks a setter, which templates cannot call. */
export interface StructMethod {
  readonly call: (self: GoStruct, ...args: unknown[]) => unknown;
  /** Number of arguments after the receiver. */
  readonly arity: number;
  readonly results?: 0;
  /** Callable on a nil pointer, getting the zero struct (protobuf getters are). */
  readonly nilReceiver?: boolean;
}

export interface StructType {
  /** Qualified name as %T prints it, e.g. `v1.Container`. */
  readonly name: string;
  readonly fields: readonly StructField[];
  readonly methods?: Readonly<Record<string, StructMethod>>;
  /** A String method; `pointerReceiver` ones only print for an addressable value at the top level. */
  readonly stringer?: { readonly pointerReceiver: boolean; readonly call: (self: GoStruct) => string };
  /** A MarshalJSON method: the JSON value to write instead of the fields. */
  readonly marshalJSON?: (self: GoStruct) => unknown;
  /** An UnmarshalJSON method: the value read from JSON that is not null. */
  readonly unmarshalJSON?: (json: unknown) => GoStruct;
  /** An IsZero method, for omitzero. */
  readonly isZero?: (self: GoStruct) => boolean;
  /** Truth for `if` and Sprig's empty, for a type that is not a struct in Go (a protobuf enum is an int32). */
  readonly truth?: (self: GoStruct) => boolean;
}

/** A struct value: one value per declared field, in declaration order. */
export class GoStruct {
  constructor(
    readonly type: StructType,
    readonly values: readonly unknown[],
    /** The JSON a leaf type such as a timestamp, or a protobuf message, was read from. */
    readonly raw?: unknown,
  ) {}

  /** Go's FieldByName: own fields first, then fields promoted from embedded structs. */
  lookup(name: string): { found: boolean; value?: unknown } {
    const own = this.type.fields.findIndex((f) => f.name === name);
    if (own >= 0) return { found: true, value: this.values[own] };
    for (let i = 0; i < this.type.fields.length; i++) {
      const inner = this.values[i];
      if (this.type.fields[i].embedded && inner instanceof GoStruct) {
        const promoted = inner.lookup(name);
        if (promoted.found) return promoted;
      }
    }
    return { found: false };
  }
}

/** A pointer; `elem` is undefined for a nil pointer. */
export class GoPointer {
  constructor(
    readonly type: GoType & { readonly kind: 'ptr' },
    readonly elem: unknown,
  ) {}

  get isNil(): boolean {
    return this.elem === undefined;
  }
}

/** The method of that name on the struct or on a struct embedded in it. */
export function methodOf(s: GoStruct, name: string): { method: StructMethod; self: GoStruct } | undefined {
  const own = s.type.methods?.[name];
  if (own) return { method: own, self: s };
  for (let i = 0; i < s.type.fields.length; i++) {
    const inner = s.values[i];
    if (s.type.fields[i].embedded && inner instanceof GoStruct) {
      const promoted = methodOf(inner, name);
      if (promoted) return promoted;
    }
  }
  return undefined;
}

/** Whether a struct type has a field or method of that name (promoted ones included). */
export function hasMember(type: StructType, name: string): boolean {
  if (type.methods?.[name]) return true;
  return type.fields.some((f) => f.name === name || (f.embedded && f.type.kind === 'struct' && hasMember(f.type.struct, name)));
}

export function typeName(t: GoType): string {
  switch (t.kind) {
    case 'basic':
      return t.name;
    case 'any':
      return 'interface {}';
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'slice':
      return t.name ?? `[]${typeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[string]${typeName(t.elem)}`;
    case 'struct':
      return t.struct.name;
  }
}

/** What a JS array or object stands for in Go. */
export interface Marks {
  /** Type name as %T prints it, e.g. `map[string]string`. */
  readonly name: string;
  /** What `index` yields for a missing key of a map (nil when unset). */
  readonly zero?: unknown;
  /** A nil slice or map: empty, but JSON writes null. */
  readonly nil?: boolean;
}

const marks = new WeakMap<object, Marks>();

/** Declares the Go type of a JS array or object; returns it. */
export function markType<T extends object>(value: T, mark: Marks): T {
  marks.set(value, mark);
  return value;
}

export function markOf(value: object): Marks | undefined {
  return marks.get(value);
}

/** The zero value of a type: '' / 0 / false, nil pointer, empty slice and map, a struct of zeros. */
export function zeroOf(t: GoType): unknown {
  switch (t.kind) {
    case 'basic':
      return t.zero;
    case 'any':
      return undefined;
    case 'ptr':
      return new GoPointer(t, undefined);
    case 'slice':
      return markType([], { name: typeName(t), nil: true });
    case 'map':
      return markType({}, { name: typeName(t), zero: zeroOf(t.elem), nil: true });
    case 'struct':
      return new GoStruct(
        t.struct,
        t.struct.fields.map((f) => zeroOf(f.type)),
      );
  }
}

/** Go's reflect.Value.IsZero, for omitzero. */
export function isZeroValue(v: unknown): boolean {
  if (v instanceof GoPointer) return v.isNil;
  if (v instanceof GoStruct) return v.type.isZero ? v.type.isZero(v) : v.values.every(isZeroValue);
  if (Array.isArray(v) || (typeof v === 'object' && v !== null)) return false;
  return v === undefined || v === null || v === '' || v === 0 || v === false;
}
