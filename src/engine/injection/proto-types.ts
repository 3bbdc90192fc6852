/**
 * `.ProxyConfig` and `.MeshConfig` as istiod hands them to templates: pointers to protoc-gen-go structs.
 * Fields have Go names and zero values, every field has a getter that also works on a nil message
 * (`.ProxyConfig.GetTracing.GetTlsSettings`), enums print their names and have `.String`, durations and
 * wrappers are messages (`.HoldApplicationUntilProxyStarts.GetValue`), and a oneof is a field holding the
 * set variant. The messages are read from their protobuf JSON form (mesh config as written in values).
 * A protobuf library would need the .proto files and still not give protoc-gen-go's Go names and getters,
 * so the field lists in mesh-proto-types.ts drive this small reader.
 */
import {
  GoPointer,
  GoStruct,
  type GoType,
  markType,
  type StructField,
  type StructMethod,
  type StructType,
  typeName,
  zeroOf,
} from '../gotemplate';
import { isRecord } from '../k8s/object';
import { MESH_ENUMS, MESH_MESSAGES } from './mesh-proto-types';

type Ptr = GoType & { readonly kind: 'ptr' };

/** How a field is read from protobuf JSON, beside its Go type. */
interface ProtoField extends StructField {
  /** lowerCamelCase JSON name; the proto name is accepted too, as protojson does. */
  readonly jsonName: string;
  readonly protoName: string;
  /** For a oneof field: its variants, each a wrapper struct holding one value. */
  readonly variants?: readonly { readonly jsonName: string; readonly protoName: string; readonly wrapper: StructType }[];
}

const camel = (protoName: string): string => protoName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const goName = (protoName: string): string => camel(protoName).replace(/^./, (c) => c.toUpperCase());

const basic = (name: string, zero: string | number | boolean): GoType => ({ kind: 'basic', name, zero });

function field(name: string, type: GoType, json: string): StructField {
  return { name, type, json, omitEmpty: true, omitZero: false, embedded: false };
}

/** Getters for each field: on a nil message they give the field's zero value. */
function getters(fields: readonly StructField[]): Record<string, StructMethod> {
  return Object.fromEntries(
    fields.map((f) => [`Get${f.name}`, { arity: 0, nilReceiver: true, call: (s: GoStruct) => s.lookup(f.name).value }]),
  );
}

/** google.protobuf.Duration: JSON text such as "1.5s". */
const DURATION: StructType = (() => {
  const fields = [field('Seconds', basic('int64', 0), 'seconds'), field('Nanos', basic('int32', 0), 'nanos')];
  return { name: 'durationpb.Duration', fields, methods: getters(fields) };
})();

function wrapper(name: string, value: GoType): StructType {
  const fields = [field('Value', value, 'value')];
  return { name: `wrapperspb.${name}`, fields, methods: getters(fields) };
}

const WELL_KNOWN: Record<string, StructType> = {
  Duration: DURATION,
  BoolValue: wrapper('BoolValue', basic('bool', false)),
  Int32Value: wrapper('Int32Value', basic('int32', 0)),
  Int64Value: wrapper('Int64Value', basic('int64', 0)),
  UInt32Value: wrapper('UInt32Value', basic('uint32', 0)),
  StringValue: wrapper('StringValue', basic('string', '')),
  DoubleValue: wrapper('DoubleValue', basic('float64', 0)),
};

const qualified = (name: string): string => (name.includes('.') ? name : `v1alpha1.${name}`);

const enums = new Map<string, StructType>();

/** A protobuf enum: an int32 in Go, printed by name, false when 0. */
function enumType(name: string): StructType {
  const cached = enums.get(name);
  if (cached) return cached;
  const names = new Map<number, string>();
  MESH_ENUMS[name].split(' ').forEach((entry, i) => {
    const [label, number] = entry.split('=');
    names.set(number === undefined ? i : Number(number), label);
  });
  const number = (s: GoStruct): number => (typeof s.raw === 'number' ? s.raw : 0);
  const label = (s: GoStruct): string => names.get(number(s)) ?? String(number(s));
  const type: StructType = {
    name: qualified(name),
    fields: [],
    methods: { String: { arity: 0, call: label }, Number: { arity: 0, call: number } },
    stringer: { pointerReceiver: false, call: label },
    marshalJSON: number,
    unmarshalJSON: (json) => new GoStruct(type, [], typeof json === 'number' ? json : ([...names].find(([, l]) => l === json)?.[0] ?? 0)),
    isZero: (s) => number(s) === 0,
    truth: (s) => number(s) !== 0,
  };
  enums.set(name, type);
  return type;
}

const messages = new Map<string, StructType>();
/** The table name of each message type (not enums or well-known types), for protoMessageOf and protoJSONText. */
const MESSAGE_NAMES = new Map<StructType, string>();

function messageType(name: string): StructType {
  const cached = messages.get(name);
  if (cached) return cached;
  const spec = MESH_MESSAGES[name];
  if (spec === undefined) throw new Error(`no protobuf message ${name} in the template type table`);
  let fields: ProtoField[] | undefined;
  let methods: Record<string, StructMethod> | undefined;
  const type: StructType = {
    name: qualified(name),
    get fields() {
      fields ??= spec === '' ? [] : spec.split('; ').map((f) => parseField(name, f));
      return fields;
    },
    get methods() {
      methods ??= { ...getters(this.fields), ...variantGetters(this.fields as ProtoField[]) };
      return methods;
    },
  };
  messages.set(name, type);
  MESSAGE_NAMES.set(type, name);
  return type;
}

/** protoc-gen-go's getters of oneof variants: the variant's value when it is the one set, else its zero. */
function variantGetters(fields: readonly ProtoField[]): Record<string, StructMethod> {
  const out: Record<string, StructMethod> = {};
  for (const f of fields) {
    for (const v of f.variants ?? []) {
      const inner = v.wrapper.fields[0];
      out[`Get${inner.name}`] = {
        arity: 0,
        nilReceiver: true,
        call: (s) => {
          const set = s.lookup(f.name).value;
          return set instanceof GoPointer && set.elem instanceof GoStruct && set.elem.type === v.wrapper
            ? set.elem.values[0]
            : zeroOf(inner.type);
        },
      };
    }
  }
  return out;
}

function parseType(t: string): GoType {
  if (t.startsWith('[]')) return { kind: 'slice', elem: parseType(t.slice(2)) };
  if (t.startsWith('map[string]')) return { kind: 'map', elem: parseType(t.slice('map[string]'.length)) };
  if (t.startsWith('*')) return { kind: 'ptr', elem: { kind: 'struct', struct: messageType(t.slice(1)) } };
  if (t.startsWith('enum:')) return { kind: 'struct', struct: enumType(t.slice('enum:'.length)) };
  // Well-known types are always pointers in Go.
  if (WELL_KNOWN[t]) return { kind: 'ptr', elem: { kind: 'struct', struct: WELL_KNOWN[t] } };
  if (t === 'any') return { kind: 'any' };
  if (t === 'bool') return basic(t, false);
  return basic(t, t === 'string' ? '' : 0);
}

function parseField(message: string, spec: string): ProtoField {
  const m = /^(\w+)(?:\/(\w+))? (?:oneof\((.*)\)|(\S+))$/.exec(spec);
  if (!m) throw new Error(`bad field notation in the protobuf type table: ${spec}`);
  const [, protoName, explicitGo, oneof, type] = m;
  const name = explicitGo ?? goName(protoName);
  const base = { jsonName: camel(protoName), protoName, omitZero: false, embedded: false };
  if (oneof === undefined) return { ...base, name, type: parseType(type), json: protoName, omitEmpty: true };
  const variants = oneof.split(', ').map((v) => {
    const [, vProto, vGo, vType] = /^(\w+)(?:\/(\w+))? (\S+)$/.exec(v) ?? [];
    const inner = field(vGo ?? goName(vProto), parseType(vType), vGo ?? goName(vProto));
    const wrapperType: StructType = { name: qualified(`${message}_${inner.name}`), fields: [inner] };
    return { jsonName: camel(vProto), protoName: vProto, wrapper: wrapperType };
  });
  // A oneof field is an interface with no json tag: encoding/json writes it under its Go name.
  const firstWrapper: Ptr = { kind: 'ptr', elem: { kind: 'struct', struct: variants[0].wrapper } };
  return { ...base, name, type: firstWrapper, json: name, omitEmpty: false, variants };
}

/** "90.5s" as seconds and nanoseconds. */
function parseDuration(json: unknown): [number, number] {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(String(json));
  if (!m) return [0, 0];
  const sign = m[1] === '-' ? -1 : 1;
  return [sign * Number(m[2]), sign * Number((m[3] ?? '').padEnd(9, '0'))];
}

/** A value read from protobuf JSON into its Go type. */
function decode(json: unknown, type: GoType): unknown {
  if (json === undefined || json === null) return zeroOf(type);
  switch (type.kind) {
    case 'any':
      return json;
    case 'basic':
      // protobuf JSON writes 64-bit integers as text
      return typeof type.zero === 'number' && typeof json === 'string'
        ? Number(json) || 0
        : typeof json === typeof type.zero
          ? json
          : type.zero;
    case 'slice':
      return markType(Array.isArray(json) ? json.map((x) => decode(x, type.elem)) : [], { name: typeName(type) });
    case 'map':
      return markType(isRecord(json) ? Object.fromEntries(Object.entries(json).map(([k, v]) => [k, decode(v, type.elem)])) : {}, {
        name: typeName(type),
        zero: zeroOf(type.elem),
      });
    case 'ptr':
      return new GoPointer(type, decode(json, type.elem));
    case 'struct':
      return decodeStruct(json, type.struct);
  }
}

function decodeStruct(json: unknown, st: StructType): GoStruct {
  if (st.unmarshalJSON) return st.unmarshalJSON(json);
  if (st === DURATION) return new GoStruct(st, parseDuration(json));
  if (Object.values(WELL_KNOWN).includes(st)) return new GoStruct(st, [decode(json, st.fields[0].type)]);
  const obj = isRecord(json) ? json : {};
  const read = (f: { jsonName: string; protoName: string }): unknown => obj[f.jsonName] ?? obj[f.protoName];
  // The JSON stays with the message, so protoToJSON can write any message a template reaches.
  return new GoStruct(
    st,
    (st.fields as ProtoField[]).map((f) => {
      if (!f.variants) return decode(read(f), f.type);
      const set = f.variants.find((v) => read(v) !== undefined);
      if (!set) return zeroOf(f.type);
      const inner = set.wrapper.fields[0];
      return new GoPointer(
        { kind: 'ptr', elem: { kind: 'struct', struct: set.wrapper } },
        new GoStruct(set.wrapper, [decode(read(set), inner.type)]),
      );
    }),
    obj,
  );
}

/** A mesh.v1alpha1 message (ProxyConfig, MeshConfig) read from its protobuf JSON form, as a Go pointer. */
export function protoMessage(name: 'ProxyConfig' | 'MeshConfig', json: Record<string, unknown>): GoPointer {
  return decode(json, { kind: 'ptr', elem: { kind: 'struct', struct: messageType(name) } }) as GoPointer;
}

/**
 * The message behind a template value that points to one (`.ProxyConfig`, `.MeshConfig.DefaultConfig.Tracing`):
 * its name in the type table and the protobuf JSON it was read from (no JSON for a nil pointer); undefined for
 * any other value.
 */
export function protoMessageOf(v: unknown): { readonly name: string; readonly json?: Record<string, unknown> } | undefined {
  if (!(v instanceof GoPointer) || v.type.elem.kind !== 'struct') return undefined;
  const name = MESSAGE_NAMES.get(v.type.elem.struct);
  if (name === undefined) return undefined;
  return { name, json: v.elem instanceof GoStruct && isRecord(v.elem.raw) ? v.elem.raw : undefined };
}

/**
 * Protobuf JSON text of a message (`name` as protoMessageOf gives it) given as JSON, with protojson's order:
 * fields as the message declares them (a oneof's variant where the oneof is), map keys sorted; keys the table
 * does not know come last.
 */
export function protoJSONText(name: string, json: Record<string, unknown>): string {
  return messageText(json, messageType(name));
}

function messageText(json: Record<string, unknown>, st: StructType): string {
  const keys: string[] = [];
  for (const f of st.fields as ProtoField[]) {
    for (const key of f.variants ? f.variants.flatMap((v) => [v.jsonName, v.protoName]) : [f.jsonName, f.protoName]) {
      if (Object.hasOwn(json, key) && !keys.includes(key)) keys.push(key);
    }
  }
  keys.push(...Object.keys(json).filter((k) => !keys.includes(k)));
  const fieldOf = (key: string): GoType | undefined => {
    for (const f of st.fields as ProtoField[]) {
      if (f.jsonName === key || f.protoName === key) return f.type;
      const v = f.variants?.find((x) => x.jsonName === key || x.protoName === key);
      if (v) return v.wrapper.fields[0].type;
    }
    return undefined;
  };
  return `{${keys.map((k) => `${JSON.stringify(k)}:${valueText(json[k], fieldOf(k))}`).join(',')}}`;
}

function valueText(v: unknown, type: GoType | undefined): string {
  const message = type?.kind === 'ptr' && type.elem.kind === 'struct' && MESSAGE_NAMES.has(type.elem.struct) ? type.elem.struct : undefined;
  if (message && isRecord(v)) return messageText(v, message);
  if (type?.kind === 'slice' && Array.isArray(v)) return `[${v.map((x) => valueText(x, type.elem)).join(',')}]`;
  if (type?.kind === 'map' && isRecord(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${valueText(v[k], type.elem)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
