import { ALL_RULES } from '../../../../../src/engine/analysis/rules';
import { GATEWAY_RULES } from '../../../../../src/engine/analysis/rules/gateways';

describe('GATEWAY_RULES', () => {
  test('are all registered, each with Istio code or one of the gateway range CDK8SI050-059', () => {
    for (const rule of GATEWAY_RULES) {
      expect(ALL_RULES).toContain(rule);
      expect(rule.code).toMatch(/^(IST\d{4}|CDK8SI05\d)$/);
    }
  });

  test('give each own code to one rule only', () => {
    const own = GATEWAY_RULES.map((r) => r.code).filter((c) => c.startsWith('CDK8SI'));
    expect(new Set(own).size).toBe(own.length);
  });
});
