import { type Rule } from '../../rule';
import { destinationHostNotFound } from './destination-host-not-found';
import { destinationRuleHostUnknown } from './destination-rule-host-unknown';
import { policySelectorNoMatch } from './policy-selector-no-match';
import { retriesExceedTimeout } from './retries-exceed-timeout';
import { routePortMissing } from './route-port-missing';
import { routeSubsetMissing } from './route-subset-missing';
import { subsetSelectsNoPods } from './subset-selects-no-pods';
import { unsafeRetries } from './unsafe-retries';
import { routeWeightsSum } from './weights-sum';

/** Rules about traffic policies (VirtualService, DestinationRule, Gateway, ...), one file each. */
export const TRAFFIC_RULES: readonly Rule[] = [
  routeWeightsSum,
  retriesExceedTimeout,
  unsafeRetries,
  routePortMissing,
  routeSubsetMissing,
  destinationHostNotFound,
  destinationRuleHostUnknown,
  subsetSelectsNoPods,
  policySelectorNoMatch,
];
