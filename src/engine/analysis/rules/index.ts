import { Rule } from '../rule';
import { TRAFFIC_RULES } from './traffic';

/** Every analysis rule, in no particular order (findings are sorted afterwards). */
export const ALL_RULES: readonly Rule[] = [
  ...TRAFFIC_RULES,
];
