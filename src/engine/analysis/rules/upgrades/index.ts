import { type Rule } from '../../rule';
import { defaultValidatorWithoutService } from './default-validator-without-service';
import { namespaceOnDrainingRevision } from './namespace-on-draining-revision';
import { proxyVersionMismatch } from './proxy-version-mismatch';

/** Rules about upgrading the control plane: revisions side by side, tags, and revisions being removed. */
export const UPGRADE_RULES: readonly Rule[] = [defaultValidatorWithoutService, proxyVersionMismatch, namespaceOnDrainingRevision];
