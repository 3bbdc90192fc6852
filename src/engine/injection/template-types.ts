/**
 * The Go types istiod hands injection templates: SidecarTemplateData and the Kubernetes types under
 * its ObjectMeta and Spec (their field lists are in kubernetes-types.ts), read from JSON into Go structs
 * (values.ts), so templates see `.Spec.Containers` and `.ReadinessProbe.HTTPGet`, an unset field as its
 * zero value and a field the type lacks as an error.
 */
import { decodeJSON, GoPointer, GoStruct, type GoType, type StructField, type StructMethod, type StructType } from '../gotemplate';
import { KUBERNETES } from './kubernetes-types';

/** Istio's template data and the apimachinery struct it holds the deployment name in (fields without json tags). */
const ISTIO: Record<string, string> = {
  SidecarTemplateData:
    'TypeMeta! TypeMeta=; DeploymentMeta! NamespacedName=; ObjectMeta! ObjectMeta=; Spec! PodSpec=; ProxyConfig! any=; ' +
    'MeshConfig! any=; Values! any=; Revision! string=; NativeSidecars! bool=; ProxyImage! string=; ProxyUID! int64=; ' +
    'ProxyGID! int64=; InboundTrafficPolicyMode! string=; CompliancePolicy! string=',
  NamespacedName: 'Namespace! string=; Name! string=',
};

const PACKAGES: Record<string, string> = { SidecarTemplateData: 'inject', NamespacedName: 'types' };

const basic = (name: string, zero: string | number | boolean): GoType => ({ kind: 'basic', name, zero });
const STRING = basic('string', '');
const INT32 = basic('int32', 0);
const QUANTITY = basic('resource.Quantity', '0');

function field(name: string, type: GoType): StructField {
  return { name, type, json: name, omitEmpty: false, omitZero: false, embedded: false };
}

/** intstr.IntOrString: a struct in templates, a number or a string in JSON. */
const INT_OR_STRING: StructType = {
  name: 'intstr.IntOrString',
  fields: [field('Type', basic('intstr.Type', 0)), field('IntVal', INT32), field('StrVal', STRING)],
  methods: {
    IntValue: { arity: 0, call: (s) => (s.values[0] === 1 ? parseGoInt(String(s.values[2])) : s.values[1]) },
  },
  stringer: { pointerReceiver: true, call: (s) => (s.values[0] === 1 ? String(s.values[2]) : String(s.values[1])) },
  marshalJSON: (s) => (s.values[0] === 1 ? s.values[2] : s.values[1]),
  unmarshalJSON: (json) =>
    typeof json === 'string' ? new GoStruct(INT_OR_STRING, [1, 0, json]) : new GoStruct(INT_OR_STRING, [0, Number(json) | 0, '']),
};

/** strconv.Atoi, 0 on failure (as IntValue ignores the error). */
function parseGoInt(s: string): number {
  return /^[+-]?\d+$/.test(s) ? Number(s) : 0;
}

/** metav1.Time: RFC 3339 text in JSON (null when zero), Go's time format when printed. */
const TIME: StructType = {
  name: 'v1.Time',
  fields: [],
  stringer: { pointerReceiver: false, call: (s) => goTimeString(s.raw) },
  marshalJSON: (s) => (typeof s.raw === 'string' ? rfc3339(s.raw) : null),
  unmarshalJSON: (json) => new GoStruct(TIME, [], typeof json === 'string' ? json : undefined),
  isZero: (s) => s.raw === undefined,
};

function rfc3339(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** time.Time's String for a UTC time: `2006-01-02 15:04:05 +0000 UTC`. */
function goTimeString(raw: unknown): string {
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

/** ObjectMeta's accessors (pointer receivers, so templates can call them on addressable values). */
const META_ACCESSORS = [
  'Namespace',
  'Name',
  'GenerateName',
  'UID',
  'ResourceVersion',
  'Generation',
  'SelfLink',
  'CreationTimestamp',
  'DeletionTimestamp',
  'DeletionGracePeriodSeconds',
  'Labels',
  'Annotations',
  'Finalizers',
  'OwnerReferences',
  'ManagedFields',
];

const METHODS: Record<string, Record<string, StructMethod>> = {
  ObjectMeta: Object.fromEntries([
    ...META_ACCESSORS.map((f): [string, StructMethod] => [`Get${f}`, { arity: 0, call: (s) => s.lookup(f).value }]),
    // Setters return nothing, which Go's templates refuse to call.
    ...META_ACCESSORS.map((f): [string, StructMethod] => [`Set${f}`, { arity: 1, results: 0, call: () => undefined }]),
    ['GetObjectMeta', { arity: 0, call: (s) => new GoPointer({ kind: 'ptr', elem: { kind: 'struct', struct: s.type } }, s) }],
  ]),
};

const STRINGERS: Record<string, StructType['stringer']> = {
  NamespacedName: { pointerReceiver: false, call: (s) => `${String(s.values[0])}/${String(s.values[1])}` },
};

const structs = new Map<string, StructType>();

/** The struct type of that name, its fields parsed on first use (types refer to each other). */
function structType(name: string): StructType {
  const cached = structs.get(name);
  if (cached) return cached;
  const spec = KUBERNETES[name] ?? ISTIO[name];
  if (spec === undefined) throw new Error(`no Go type ${name} in the template type table`);
  let fields: StructField[] | undefined;
  const type: StructType = {
    name: `${PACKAGES[name] ?? 'v1'}.${name}`,
    get fields() {
      fields ??= spec.split('; ').map(parseField);
      return fields;
    },
    methods: METHODS[name],
    stringer: STRINGERS[name],
  };
  structs.set(name, type);
  return type;
}

function parseType(t: string): GoType {
  if (t.startsWith('*')) return { kind: 'ptr', elem: parseType(t.slice(1)) };
  if (t.startsWith('[]')) return { kind: 'slice', elem: parseType(t.slice(2)) };
  if (t.startsWith('map[string]')) return { kind: 'map', elem: parseType(t.slice('map[string]'.length)) };
  switch (t) {
    case 'string':
      return STRING;
    case 'int32':
    case 'int64':
      return basic(t, 0);
    case 'bool':
      return basic(t, false);
    case 'any':
    case 'FieldsV1': // raw JSON kept as it is
      return { kind: 'any' };
    case 'Quantity':
      return QUANTITY;
    case 'ResourceList':
      return { kind: 'map', elem: QUANTITY, name: 'v1.ResourceList' };
    case 'IntOrString':
      return { kind: 'struct', struct: INT_OR_STRING };
    case 'Time':
      return { kind: 'struct', struct: TIME };
    default:
      return { kind: 'struct', struct: structType(t) };
  }
}

/** encoding/json's default key for a Go name here: its leading capitals lowered (HTTPGet → httpGet). */
function jsonKey(goName: string): string {
  const run = /^[A-Z]+/.exec(goName)?.[0] ?? '';
  const keep = run.length > 1 && /^[a-z]/.test(goName.slice(run.length)) ? 1 : 0;
  return run.slice(0, run.length - keep).toLowerCase() + goName.slice(run.length - keep);
}

function parseField(spec: string): StructField {
  const m = /^(\^?)(\w+)(!?)(?: (\S+?))?(?:=([\w-]*))?(\??)(~?)$/.exec(spec);
  if (!m) throw new Error(`bad field notation in the template type table: ${spec}`);
  const [, embed, name, required, type, key, optional, zero] = m;
  if (embed) {
    return { name, type: parseType(name), json: key ?? '', omitEmpty: optional === '?', omitZero: false, embedded: true };
  }
  return {
    name,
    type: parseType(type),
    json: key ?? jsonKey(name),
    omitEmpty: required !== '!',
    omitZero: zero === '~',
    embedded: false,
  };
}

/** The type of what templates get as `.`: a pointer to SidecarTemplateData. */
const TEMPLATE_DATA: GoType = { kind: 'ptr', elem: { kind: 'struct', struct: structType('SidecarTemplateData') } };

/**
 * The template data read from JSON-named fields (TypeMeta, DeploymentMeta, ObjectMeta, Spec as in a
 * pod; the rest under their Go names), as istiod passes it: `&SidecarTemplateData{…}`.
 */
export function goTemplateData(json: Record<string, unknown>): GoPointer {
  return decodeJSON(json, TEMPLATE_DATA) as GoPointer;
}
