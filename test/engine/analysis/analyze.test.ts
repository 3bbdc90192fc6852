import { analyze, runAnalysis } from '../../../src/engine/analysis/analyze';
import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { resolveAnalysisSettings } from '../../../src/engine/analysis/settings';
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

  test('applies rule settings: a rule turned off reports nothing, a rule given a level reports at it', () => {
    const objects = [namespace('a')].map((object) => ({ object }));
    const rules = [everyObject('X1', 'error'), everyObject('X2', 'error')];
    const findings = analyze(objects, { rules, settings: { rules: { X1: 'off', X2: 'info' } } });
    expect(findings.map((f) => `${f.level} ${f.code}`)).toEqual(['info X2']);
  });

  test('counts what suppression drops, by pattern and by annotation, instead of losing it silently', () => {
    const quiet = { ...namespace('quiet'), metadata: { name: 'quiet', annotations: { 'galley.istio.io/analyze-suppress': 'X1' } } };
    const index = new ObjectIndex([quiet, namespace('legacy'), namespace('loud')].map((object) => ({ object })));
    const rules = [everyObject('X1', 'error')];
    const result = runAnalysis(index, resolveAnalysisSettings({ suppress: ['X1=Namespace leg*'] }, rules));
    expect(result.findings.map((f) => f.objects[0].name)).toEqual(['loud']);
    expect(result.suppressed).toEqual({ byPattern: 1, byAnnotation: 1 });
  });

  test('runs over an index filled one object at a time', () => {
    const index = new ObjectIndex();
    for (const name of ['b', 'a']) index.add({ object: namespace(name) });
    const result = runAnalysis(index, resolveAnalysisSettings({}, [everyObject('X1', 'info')]));
    expect(result.findings.map((f) => f.objects[0].name)).toEqual(['a', 'b']);
    expect(result.suppressed).toEqual({ byPattern: 0, byAnnotation: 0 });
  });

  test('runs every rule over 300,000 objects without spreading them into a call (which overflowed the stack)', () => {
    const index = new ObjectIndex();
    for (let i = 0; i < 300_000; i++) {
      index.add({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: `ns${i % 100}` } } });
    }
    index.add({ object: namespace('ns1') });
    index.add({ object: deployment('api', 'ns1') });
    const result = runAnalysis(index, resolveAnalysisSettings());
    expect(result.findings.map((f) => f.code)).toContain('IST0102');
  });

  test('rejects bad settings with a UserError', () => {
    expect(() => analyze([], { settings: { rules: { NOPE: 'off' } } })).toThrow(/unknown rule code NOPE/);
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
