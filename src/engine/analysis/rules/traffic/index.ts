import { Rule } from '../../rule';

/** Rules about traffic policies (VirtualService, DestinationRule, Gateway, ...), one file each. */
export const TRAFFIC_RULES: readonly Rule[] = [];
