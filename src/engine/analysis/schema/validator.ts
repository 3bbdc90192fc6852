import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { apiGroup, isRecord, type KubeObject } from '../../k8s/object';
import { toJsonSchema } from './transform';

/** One schema violation: where in the object, and what is wrong. */
export interface SchemaIssue {
  /** Dotted field path, e.g. `spec.mtls.mode` or `spec.ports[0].number`; empty for the object itself. */
  readonly path: string;
  readonly message: string;
}

interface CrdVersion {
  readonly served: boolean;
  readonly schema?: unknown;
}

const INT32 = 2 ** 31;

/**
 * Validates custom resources against the openAPIV3Schema of their CRD version. CRDs are indexed up front;
 * a CRD version is compiled on first use only.
 */
export class CrdValidator {
  private readonly versions = new Map<string, Map<string, CrdVersion>>();

  constructor(crds: readonly KubeObject[]) {
    for (const crd of crds) {
      const spec = isRecord(crd.spec) ? crd.spec : {};
      const kind = isRecord(spec.names) ? spec.names.kind : undefined;
      if (typeof spec.group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec.versions)) continue;
      const byVersion = new Map<string, CrdVersion>();
      for (const v of spec.versions.filter(isRecord)) {
        const schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
        byVersion.set(String(v.name), { served: v.served !== false, ...(schema !== undefined ? { schema } : {}) });
      }
      this.versions.set(typeKey(spec.group, kind), byVersion);
    }
  }

  /** Issues of the object against its CRD; [] when it is valid or no CRD covers it. */
  validate(object: KubeObject): SchemaIssue[] {
    const group = apiGroup(object.apiVersion);
    const byVersion = this.versions.get(typeKey(group, object.kind));
    if (!byVersion) return [];
    const version = object.apiVersion.slice(object.apiVersion.indexOf('/') + 1);
    const entry = byVersion.get(version);
    if (!entry || !entry.served) {
      const served = [...byVersion].filter(([, v]) => v.served).map(([name]) => `${group}/${name}`);
      return [
        { path: 'apiVersion', message: `version ${object.apiVersion} is not served by the CRD (served: ${served.join(', ') || 'none'})` },
      ];
    }
    if (entry.schema === undefined) return [];
    const validate = compiled(entry.schema);
    return validate(object) ? [] : issuesOf(validate.errors ?? []);
  }
}

/**
 * Compiled validators, shared by every analysis in the process: keyed by the schema's text, so each
 * CRD version is compiled once however many times it is analysed (compiling is the expensive part).
 */
const COMPILED = new Map<string, ValidateFunction>();
/** The same, by schema object, so validating many objects of one kind transforms its schema once. */
const BY_OBJECT = new WeakMap<object, ValidateFunction>();
let sharedAjv: Ajv | undefined;

function compiled(openApi: unknown): ValidateFunction {
  const known = isRecord(openApi) ? BY_OBJECT.get(openApi) : undefined;
  if (known) return known;
  const schema = toJsonSchema(openApi);
  const key = JSON.stringify(schema);
  let validate = COMPILED.get(key);
  if (!validate) {
    validate = compiler().compile(schema);
    COMPILED.set(key, validate);
  }
  if (isRecord(openApi)) BY_OBJECT.set(openApi, validate);
  return validate;
}

function compiler(): Ajv {
  if (!sharedAjv) {
    // Unoptimized code compiles markedly faster; validating a few objects per kind does not need the speed.
    // The schemas come from CRDs the API server has accepted, so checking them against the meta-schema only costs time.
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false, code: { optimize: false } });
    ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 * INT32 });
    for (const loose of ['double', 'float']) ajv.addFormat(loose, { type: 'number', validate: () => true });
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
    ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    sharedAjv = ajv;
  }
  return sharedAjv;
}

/** Readable issues: one per field and problem; the alternatives of a failed anyOf/oneOf are summarised by it. */
function issuesOf(errors: readonly ErrorObject[]): SchemaIssue[] {
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath));
  const out = new Map<string, SchemaIssue>();
  for (const e of errors) {
    if ([...alternatives].some((p) => e.schemaPath !== p && e.schemaPath.startsWith(`${p}/`))) continue;
    const issue = { path: fieldPath(e), message: describe(e) };
    out.set(`${issue.path}\u0000${issue.message}`, issue);
  }
  return [...out.values()];
}

function describe(e: ErrorObject): string {
  const p: Record<string, unknown> = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return 'is not a field of this kind (unknown fields are dropped by the API server)';
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return 'is required';
    case 'type':
      return `must be of type ${p.type}`;
    case 'format':
      return `must have format ${p.format}`;
    case 'oneOf':
      return p.passingSchemas ? 'sets more than one of several mutually exclusive fields' : 'matches none of the allowed forms';
    case 'anyOf':
      return 'matches none of the allowed forms';
    default:
      return e.message ?? e.keyword;
  }
}

/** The field an error is about, dotted: /spec/ports/0/number -> spec.ports[0].number (unknown and missing fields included). */
function fieldPath(e: ErrorObject): string {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p: Record<string, unknown> = e.params;
  if (e.keyword === 'additionalProperties') parts.push(String(p.additionalProperty));
  if (e.keyword === 'required') parts.push(String(p.missingProperty));
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : `${path ? '.' : ''}${part}`;
  return path;
}

function typeKey(group: string, kind: string): string {
  return `${group}\u0000${kind}`;
}
