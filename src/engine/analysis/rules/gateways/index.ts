import { type Rule } from '../../rule';
import { conflictingGateways } from './conflicting-gateways';
import { conflictingListeners } from './conflicting-listeners';
import { credentialSecretNotFound } from './credential-secret-not-found';
import { egressHostNotRegistered } from './egress-host-not-registered';
import { gatewayPortNotOnService } from './gateway-port-not-on-service';
import { gatewaySelectorNoPods } from './gateway-selector-no-pods';
import { invalidGatewayCredential } from './invalid-gateway-credential';
import { listenerSecretNotFound } from './listener-secret-not-found';
import { proxyNeverInjected } from './proxy-never-injected';
import { routeBackendNotFound } from './route-backend-not-found';
import { routeHostnameMismatch } from './route-hostname-mismatch';
import { routeParentNotFound } from './route-parent-not-found';
import { tlsWithoutCredential } from './tls-without-credential';
import { virtualServiceGatewayNotFound } from './vs-gateway-not-found';
import { virtualServiceHostNotInGateway } from './vs-host-not-in-gateway';

/** Rules about ingress and egress: Istio and Gateway API gateways, their routes, TLS credentials, egress hosts. */
export const GATEWAY_RULES: readonly Rule[] = [
  virtualServiceGatewayNotFound,
  virtualServiceHostNotInGateway,
  routeParentNotFound,
  routeHostnameMismatch,
  gatewaySelectorNoPods,
  gatewayPortNotOnService,
  routeBackendNotFound,
  tlsWithoutCredential,
  credentialSecretNotFound,
  invalidGatewayCredential,
  listenerSecretNotFound,
  conflictingGateways,
  conflictingListeners,
  egressHostNotRegistered,
  proxyNeverInjected,
];
