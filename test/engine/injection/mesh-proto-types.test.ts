import { MESH_ENUMS, MESH_MESSAGES } from '../../../src/engine/injection/mesh-proto-types';

const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'float32', 'float64', 'any']);
const WELL_KNOWN = new Set(['Duration', 'BoolValue', 'Int32Value', 'Int64Value', 'UInt32Value', 'StringValue', 'DoubleValue']);

function declared(type: string): boolean {
  const t = type.replace(/^(\[\]|map\[string\])+/, '');
  if (t.startsWith('enum:')) return t.slice('enum:'.length) in MESH_ENUMS;
  if (t.startsWith('*')) return t.slice(1) in MESH_MESSAGES;
  return SCALARS.has(t) || WELL_KNOWN.has(t);
}

describe('the mesh protobuf type table', () => {
  test.each(Object.entries(MESH_MESSAGES).filter(([, spec]) => spec !== ''))('%s refers only to declared types', (_name, spec) => {
    for (const field of spec.split('; ')) {
      const m = /^(\w+)(?:\/\w+)? (?:oneof\((.*)\)|(\S+))$/.exec(field);
      expect(m).not.toBeNull();
      const types = m![2] !== undefined ? m![2].split(', ').map((v) => v.split(' ')[1]) : [m![3]];
      expect(types.filter((t) => !declared(t))).toEqual([]);
    }
  });

  test('numbers enum values from 0 unless a value says otherwise', () => {
    expect(MESH_ENUMS.ProxyConfig_InboundInterceptionMode).toBe('REDIRECT TPROXY NONE');
    expect(MESH_ENUMS.AuthenticationPolicy).toBe('NONE=0 MUTUAL_TLS=1 INHERIT=1000');
  });
});
