import { type Rule, finding } from '../../../src/engine/analysis/rule';
import { ALL_RULES } from '../../../src/engine/analysis/rules';
import { parseRuleAssignment, resolveAnalysisSettings } from '../../../src/engine/analysis/settings';
import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { UserError } from '../../../src/errors';
import { namespace } from './fixtures';

const rule = (code: string, level: Rule['level']): Rule => ({
  code,
  level,
  title: 't',
  explanation: 'e',
  fix: 'f',
  check(index) {
    return index.all.map((e) => finding(this, 'm', e));
  },
});

const RULES = [rule('X1', 'error'), rule('X2', 'info')];

describe('resolveAnalysisSettings', () => {
  test('keeps every rule at its level without settings', () => {
    expect(resolveAnalysisSettings({}, RULES).rules).toEqual(RULES);
  });

  test("drops a rule set to 'off'", () => {
    expect(resolveAnalysisSettings({ rules: { X1: 'off' } }, RULES).rules.map((r) => r.code)).toEqual(['X2']);
  });

  test('gives a rule set to another level that level, on the rule and on its findings', () => {
    const [x1] = resolveAnalysisSettings({ rules: { X1: 'warning' } }, RULES).rules;
    expect(x1.level).toBe('warning');
    const index = new ObjectIndex([{ object: namespace('a') }]);
    expect(x1.check(index).map((f) => f.level)).toEqual(['warning']);
  });

  test('rejects an unknown code, listing the valid ones, under the name the caller gives the setting', () => {
    const run = () => resolveAnalysisSettings({ rules: { X9: 'off' } }, RULES, { rules: 'analysis.rules' });
    expect(run).toThrow(UserError);
    expect(run).toThrow('analysis.rules: unknown rule code X9: valid codes are X1, X2');
  });

  test('rejects a setting that is no level', () => {
    expect(() => resolveAnalysisSettings({ rules: { X1: 'fatal' as never } }, RULES)).toThrow(
      'rules: X1 is set to "fatal": use one of off, info, warning, error',
    );
  });

  test('rejects settings of the wrong shape from JavaScript callers', () => {
    expect(() => resolveAnalysisSettings({ rules: ['X1'] as never }, RULES)).toThrow(/rules must map rule codes/);
    expect(() => resolveAnalysisSettings({ suppress: 'X1=Namespace a' as never }, RULES)).toThrow(/suppress must be a list/);
  });

  test('reads suppression patterns against the codes of the rules', () => {
    expect(resolveAnalysisSettings({ suppress: ['X1=Namespace a'] }, RULES).suppressions).toEqual([
      { text: 'X1=Namespace a', code: 'X1', kind: 'Namespace', target: 'a' },
    ]);
    expect(() => resolveAnalysisSettings({ suppress: ['X7=Namespace a'] }, RULES)).toThrow(/unknown rule code X7/);
  });

  test('defaults to every registered rule', () => {
    expect(resolveAnalysisSettings().rules).toEqual(ALL_RULES);
  });
});

describe('parseRuleAssignment', () => {
  test('reads <code>=<setting>', () => {
    expect(parseRuleAssignment('CDK8SI011=warning')).toEqual(['CDK8SI011', 'warning']);
  });

  test.each(['CDK8SI011', '=off', 'CDK8SI011=', 'a b=off'])('rejects "%s", showing the expected shape', (text) => {
    expect(() => parseRuleAssignment(text)).toThrow(`--rule "${text}" is malformed: expected <code>=<off|info|warning|error>`);
  });
});
