import { type Rule } from '../rule';
import { AMBIENT_RULES } from './ambient';
import { meshWithoutIstiod } from './control-plane/mesh-without-istiod';
import { overlappingWebhooks } from './control-plane/overlapping-webhooks';
import { multipleInjectionLabels } from './injection/multiple-injection-labels';
import { namespaceNotInjected } from './injection/namespace-not-injected';
import { noDefaultInjector } from './injection/no-default-injector';
import { podInjectionLabelIgnored } from './injection/pod-injection-label-ignored';
import { preInjectedReinjected } from './injection/pre-injected-reinjected';
import { proxyWithoutInjector } from './injection/proxy-without-injector';
import { tagWithoutRevision } from './injection/tag-without-revision';
import { unknownRevision } from './injection/unknown-revision';
import { destinationRuleTlsConflict } from './mtls/destination-rule-tls-conflict';
import { duplicateScopePolicies } from './mtls/duplicate-scope-policies';
import { portLevelUnknownPort } from './mtls/port-level-unknown-port';
import { peerAuthenticationSelectorNoMatch } from './mtls/selector-no-match';
import { strictWithoutSidecar } from './mtls/strict-without-sidecar';
import { uninjectedClient } from './mtls/uninjected-client';
import { schemaValidation } from './schema/schema-validation';
import { TRAFFIC_RULES } from './traffic';
import { UPGRADE_RULES } from './upgrades';
import { GATEWAY_RULES } from './gateways';
import { misplacedAnnotation } from './workloads/misplaced-annotation';
import { portProtocol } from './workloads/port-protocol';
import { unknownAnnotation } from './workloads/unknown-annotation';
import { applicationUid1337 } from './workloads/uid-1337';

/** Every analysis rule, in no particular order (findings are sorted afterwards). */
export const ALL_RULES: readonly Rule[] = [
  namespaceNotInjected,
  multipleInjectionLabels,
  unknownRevision,
  noDefaultInjector,
  tagWithoutRevision,
  preInjectedReinjected,
  proxyWithoutInjector,
  podInjectionLabelIgnored,
  strictWithoutSidecar,
  uninjectedClient,
  destinationRuleTlsConflict,
  peerAuthenticationSelectorNoMatch,
  portLevelUnknownPort,
  duplicateScopePolicies,
  applicationUid1337,
  portProtocol,
  unknownAnnotation,
  misplacedAnnotation,
  overlappingWebhooks,
  meshWithoutIstiod,
  schemaValidation,
  ...TRAFFIC_RULES,
  ...UPGRADE_RULES,
  ...GATEWAY_RULES,
  ...AMBIENT_RULES,
];
