import { analyze } from '../../../src/engine/analysis/analyze';
import { type Rule, finding } from '../../../src/engine/analysis/rule';
import { ALL_RULES } from '../../../src/engine/analysis/rules';
import { deployment, namespace, peerAuthentication } from './fixtures';

/** A rule that reports every object it is given at a fixed level, to test ordering and suppression. */
function everyObject(code: string, level: Rule['level']): Rule {
  return {
    code,
    level,
    title: 't',
    explanation: 'e',
    fix: 'f',
    check: (index) => index.all.map((e) => finding({ code, level }, `about ${e.object.metadata.name}`, e)),
  };
}

describe('analyze', () => {
  test('orders findings by level (errors first), then code, then object', () => {
    const objects = [namespace('b'), namespace('a')].map((object) => ({ object }));
    const findings = analyze(objects, { rules: [everyObject('X2', 'info'), everyObject('X1', 'error'), everyObject('X0', 'warning')] });
    expect(findings.map((f) => `${f.level} ${f.code} ${f.objects[0].name}`)).toEqual([
      'error X1 a',
      'error X1 b',
      'warning X0 a',
      'warning X0 b',
      'info X2 a',
      'info X2 b',
    ]);
  });

  test('drops findings suppressed by galley.istio.io/analyze-suppress on the object they are about', () => {
    const quiet = { ...namespace('quiet'), metadata: { name: 'quiet', annotations: { 'galley.istio.io/analyze-suppress': 'X9, X1' } } };
    const all = { ...namespace('all'), metadata: { name: 'all', annotations: { 'galley.istio.io/analyze-suppress': '*' } } };
    const findings = analyze(
      [quiet, all, namespace('loud')].map((object) => ({ object })),
      { rules: [everyObject('X1', 'error'), everyObject('X2', 'error')] },
    );
    expect(findings.map((f) => `${f.code} ${f.objects[0].name}`)).toEqual(['X1 loud', 'X2 loud', 'X2 quiet']);
  });

  test('keeps the source of each object in the findings', () => {
    const findings = analyze([{ object: namespace('a'), source: { file: 'a.yaml', line: 3 } }], { rules: [everyObject('X1', 'info')] });
    expect(findings[0].objects[0].source).toEqual({ file: 'a.yaml', line: 3 });
  });

  test('runs every registered rule by default, and the STRICT scenario yields an error naming both objects', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('api', 'shop'),
      peerAuthentication('strict', 'shop', { mtls: { mode: 'STRICT' } }),
      namespace('legacy', { 'istio-injection': 'disabled' }),
      deployment('client', 'legacy'),
    ].map((object) => ({ object }));
    const errors = analyze(objects).filter((f) => f.level === 'error');
    expect(errors.map((f) => f.code)).toEqual(['CDK8SI011']);
    expect(errors[0].objects.map((o) => o.name)).toEqual(['client', 'strict']);
  });

  test('every registered rule has a code, a one-line explanation and a fix', () => {
    for (const rule of ALL_RULES) {
      expect(rule.code).toMatch(/^(IST\d{4}|CDK8SI\d{3})$/);
      expect(rule.explanation).not.toContain('\n');
      expect(rule.fix.length).toBeGreaterThan(0);
    }
  });
});
