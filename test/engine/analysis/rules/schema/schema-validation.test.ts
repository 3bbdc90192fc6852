import { schemaValidation } from '../../../../../src/engine/analysis/rules/schema/schema-validation';
import { named, run } from '../../fixtures';
import { widget, WIDGET_CRD } from '../../schema/fixture-crds';

describe('IST0106 custom resource does not match its CRD schema', () => {
  test('reports each bad field of an object with the CRD from the input', () => {
    const findings = run(schemaValidation, [WIDGET_CRD, widget({ mode: 'MAYBE', typo: 1 })]);
    expect(findings.map((f) => f.message)).toEqual([
      'Widget shop/w: spec.mode must be one of "ON", "OFF"',
      'Widget shop/w: spec.typo is not a field of this kind (unknown fields are dropped by the API server)',
    ]);
    expect(findings[0]).toMatchObject({ code: 'IST0106', level: 'error' });
    expect(named(findings[0])).toEqual(['Widget shop/w']);
  });

  test('caps the issues of one object', () => {
    const spec = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`typo${i}`, i]));
    const findings = run(schemaValidation, [WIDGET_CRD, widget({ mode: 'ON', ...spec })]);
    expect(findings).toHaveLength(11);
    expect(findings.some((f) => f.message.includes('5 more schema issue(s)'))).toBe(true);
  });

  test('accepts valid objects, and objects whose CRD is not in the input', () => {
    expect(run(schemaValidation, [WIDGET_CRD, widget({ mode: 'ON' })])).toEqual([]);
    expect(run(schemaValidation, [widget({ mode: 'MAYBE' })])).toEqual([]);
  });
});
