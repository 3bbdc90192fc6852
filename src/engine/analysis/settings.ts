/**
 * The settings of one analysis run: rules turned off or given another level, and suppression patterns.
 * MeshApp's `analysis` option and the CLI's `--rule` / `--suppress` flags both go through resolveAnalysisSettings.
 */
import { UserError } from '../../errors';
import { isRecord } from '../k8s/object';
import { type Level, LEVELS, type Rule } from './rule';
import { ALL_RULES } from './rules';
import { parseSuppressions, type SuppressionPattern } from './suppression';

/** 'off': the rule does not run; a level: its findings get that level. */
export type RuleSetting = 'off' | Level;

const RULE_SETTINGS: readonly RuleSetting[] = ['off', ...LEVELS];

export interface AnalysisSettings {
  /** Per rule code, 'off' or the level its findings get, e.g. `{ CDK8SI011: 'warning', IST0102: 'off' }`. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /**
   * Findings to drop, in istioctl's `--suppress` shape: `"<code>=<Kind> <name>[.<namespace>]"`, `*` matching any
   * characters in the code, name and namespace, e.g. `"CDK8SI011=Deployment *.legacy"`, `"IST0102=Namespace frod"`.
   */
  readonly suppress?: readonly string[];
}

/** How messages name the two settings (MeshApp: `analysis.rules`; the CLI: `--rule`). */
export interface SettingNames {
  readonly rules?: string;
  readonly suppress?: string;
}

/** Settings checked and applied: the rules to run (levels changed where asked) and the patterns. */
export interface ResolvedAnalysis {
  readonly rules: readonly Rule[];
  readonly suppressions: readonly SuppressionPattern[];
}

/** Checks the settings against the rules; a bad entry is a UserError naming it and the valid values. */
export function resolveAnalysisSettings(
  settings: AnalysisSettings = {},
  rules: readonly Rule[] = ALL_RULES,
  names: SettingNames = {},
): ResolvedAnalysis {
  const rulesName = names.rules ?? 'rules';
  const codes = new Set(rules.map((r) => r.code));
  const overrides: unknown = settings.rules ?? {};
  if (!isRecord(overrides)) throw new UserError(`${rulesName} must map rule codes to ${RULE_SETTINGS.join(', ')}`);
  for (const [code, setting] of Object.entries(overrides)) {
    if (!codes.has(code)) throw new UserError(`${rulesName}: unknown rule code ${code}: valid codes are ${[...codes].sort().join(', ')}`);
    if (!(RULE_SETTINGS as readonly unknown[]).includes(setting)) {
      throw new UserError(`${rulesName}: ${code} is set to ${JSON.stringify(setting)}: use one of ${RULE_SETTINGS.join(', ')}`);
    }
  }
  const suppress: unknown = settings.suppress ?? [];
  const suppressName = names.suppress ?? 'suppress';
  if (!Array.isArray(suppress)) throw new UserError(`${suppressName} must be a list of patterns such as "CDK8SI011=Deployment *.legacy"`);
  return {
    rules: rules.flatMap((rule) => {
      const setting = overrides[rule.code] as RuleSetting | undefined;
      if (setting === 'off') return [];
      return setting === undefined || setting === rule.level ? [rule] : [withLevel(rule, setting)];
    }),
    suppressions: parseSuppressions(suppress, suppressName, codes),
  };
}

/** Reads one `--rule <code>=<setting>` flag; `name` names the flag in messages. */
export function parseRuleAssignment(text: string, name = '--rule'): [string, RuleSetting] {
  const match = /^([A-Za-z0-9]+)=(\w+)$/.exec(text.trim());
  if (!match) throw new UserError(`${name} "${text}" is malformed: expected <code>=<${RULE_SETTINGS.join('|')}>, e.g. CDK8SI011=warning`);
  return [match[1], match[2] as RuleSetting];
}

function withLevel(rule: Rule, level: Level): Rule {
  return { ...rule, level, check: (index) => rule.check(index).map((f) => ({ ...f, level })) };
}
