/**
 * encoding/json's Unmarshal into typed Go values: JSON (as YAML or JSON parsing gives it) read into
 * the declared type, so every declared field exists and unset ones hold their zero value.
 */
import { isMap } from './format';
import { GoPointer, GoStruct, markType, type GoType, typeName, zeroOf } from './values';

export function decodeJSON(json: unknown, type: GoType): unknown {
  if (json === undefined || json === null) return type.kind === 'any' ? json : zeroOf(type);
  switch (type.kind) {
    case 'any':
      return json;
    case 'basic':
      if (typeof json === typeof type.zero) return json;
      // A quantity may be written as a number; Go reads it as text.
      return typeof type.zero === 'string' && typeof json === 'number' ? String(json) : type.zero;
    case 'ptr':
      return new GoPointer(type, decodeJSON(json, type.elem));
    case 'slice':
      return markType(Array.isArray(json) ? json.map((x) => decodeJSON(x, type.elem)) : [], { name: typeName(type) });
    case 'map': {
      const out: Record<string, unknown> = {};
      if (isMap(json)) for (const [k, v] of Object.entries(json)) out[k] = decodeJSON(v, type.elem);
      return markType(out, { name: typeName(type), zero: zeroOf(type.elem) });
    }
    case 'struct': {
      const st = type.struct;
      if (st.unmarshalJSON) return st.unmarshalJSON(json);
      const obj = isMap(json) ? json : {};
      // An embedded struct without a json key reads its fields from the same object.
      const values = st.fields.map((f) => decodeJSON(f.embedded && f.json === '' ? obj : obj[f.json === '' ? f.name : f.json], f.type));
      return new GoStruct(st, values);
    }
  }
}
