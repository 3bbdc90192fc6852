import { MESSAGE_MAX, NAME_MAX, printableFinding } from '../../../src/engine/analysis/printable-finding';
import { type Finding } from '../../../src/engine/analysis/rule';

const fix = 'correct the host or add the Service';

function hostFinding(host: string, name = 'reviews'): Finding {
  return {
    code: 'IST0174',
    level: 'warning',
    message: `DestinationRule shop/${name}: host '${host}' matches no Service in the input; ${fix}`,
    objects: [{ kind: 'DestinationRule', namespace: 'shop', name, source: { file: 'dr.yaml', line: 3 } }],
  };
}

describe('printableFinding', () => {
  test('cuts a message quoting a megabyte host to its start and its fix, counting what was cut', () => {
    const { message } = printableFinding(hostFinding('h'.repeat(1_000_000)));
    expect(message.length).toBeLessThan(MESSAGE_MAX + 50);
    expect(message).toMatch(/^DestinationRule shop\/reviews: host 'h+ \[\.\.\. \d+ characters \.\.\.\] h+' matches no Service/);
    expect(message.endsWith(fix)).toBe(true);
  });

  test('leaves a message within the maximum, and its control characters (the writer escapes), as they are', () => {
    const f = hostFinding('a\nb');
    expect(printableFinding(f).message).toBe(f.message);
  });

  test('cuts an object name longer than any Kubernetes name, never a valid one', () => {
    const valid = 'n'.repeat(NAME_MAX);
    expect(printableFinding(hostFinding('x', valid)).objects[0].name).toBe(valid);
    const [ref] = printableFinding(hostFinding('x', 'n'.repeat(1_000_000))).objects;
    expect(ref.name).toBe(`${valid}... (1000000 characters)`);
    expect(ref.source).toEqual({ file: 'dr.yaml', line: 3 });
  });

  test('cuts kind and namespace as names, and adds no namespace where there was none', () => {
    const f: Finding = { code: 'X', level: 'info', message: 'm', objects: [{ kind: 'K'.repeat(300), name: 'n' }] };
    const [ref] = printableFinding(f).objects;
    expect(ref.kind).toMatch(/^K{253}\.\.\. \(300 characters\)$/);
    expect('namespace' in ref).toBe(false);
    const namespaced = printableFinding({ ...f, objects: [{ kind: 'K', namespace: 's'.repeat(300), name: 'n' }] });
    expect(namespaced.objects[0].namespace).toMatch(/^s{253}\.\.\. \(300 characters\)$/);
  });
});
