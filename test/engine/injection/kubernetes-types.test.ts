import { KUBERNETES } from '../../../src/engine/injection/kubernetes-types';

const SPECIAL = new Set(['string', 'int32', 'int64', 'bool', 'any', 'FieldsV1', 'Quantity', 'ResourceList', 'IntOrString', 'Time']);
const FIELD = /^(\^?)(\w+)(!?)(?: (\S+?))?(?:=([\w-]*))?(\??)(~?)$/;

/** The type names a Go type in the table's notation refers to. */
function referenced(type: string): string {
  return type.replace(/^(\*|\[\]|map\[string\])+/, '');
}

describe('the Kubernetes type table', () => {
  const entries = Object.entries(KUBERNETES);

  test.each(entries.map(([name, spec]) => [name, spec]))('%s has well-formed, unique fields whose types are declared', (_name, spec) => {
    const fields = spec.split('; ').map((f) => FIELD.exec(f));
    expect(fields.every((m) => m !== null)).toBe(true);
    const names = fields.map((m) => m![2]);
    expect(new Set(names).size).toBe(names.length);
    for (const m of fields) {
      const type = referenced(m![1] ? m![2] : m![4]);
      expect(SPECIAL.has(type) || type in KUBERNETES).toBe(true);
    }
  });

  test('spells the json keys that do not follow the Go name', () => {
    expect(KUBERNETES.PodSpec).toContain('DeprecatedServiceAccount string=serviceAccount');
    expect(KUBERNETES.VolumeSource).toContain('CephFS *CephFSVolumeSource=cephfs');
  });
});
