/** Our own types for the `security.istio.io/v1` objects we emit (Istio's JSON field names). */
import { UserError } from '../../errors';

export const SECURITY_API_VERSION = 'security.istio.io/v1';

export interface WorkloadSelectorSpec {
  readonly matchLabels: Record<string, string>;
}

export type AuthorizationActionName = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/**
 * The object a policy attaches to instead of a selector (`targetRefs`), in the policy's own namespace: a waypoint
 * (`{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name }`), a Service (`{ kind: 'Service', name }`, empty group),
 * a ServiceEntry or a GatewayClass.
 */
export interface PolicyTargetRef {
  /** @default '' - the core group (Service) */
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
}

export interface AuthorizationPolicySpec {
  readonly selector?: WorkloadSelectorSpec;
  readonly targetRefs?: readonly PolicyTargetRef[];
  readonly action?: AuthorizationActionName;
  readonly provider?: { readonly name: string };
  readonly rules?: readonly AuthorizationRuleSpec[];
}

export interface AuthorizationRuleSpec {
  readonly from?: readonly { readonly source: SourceSpec }[];
  readonly to?: readonly { readonly operation: OperationSpec }[];
  readonly when?: readonly ConditionSpec[];
}

export interface SourceSpec {
  readonly principals?: readonly string[];
  readonly notPrincipals?: readonly string[];
  readonly requestPrincipals?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly notNamespaces?: readonly string[];
  readonly ipBlocks?: readonly string[];
  readonly notIpBlocks?: readonly string[];
}

export interface OperationSpec {
  readonly hosts?: readonly string[];
  readonly methods?: readonly string[];
  readonly notMethods?: readonly string[];
  readonly paths?: readonly string[];
  readonly notPaths?: readonly string[];
  readonly ports?: readonly string[];
}

export interface ConditionSpec {
  readonly key: string;
  readonly values?: readonly string[];
  readonly notValues?: readonly string[];
}

export interface RequestAuthenticationSpec {
  readonly selector?: WorkloadSelectorSpec;
  readonly jwtRules: readonly JwtRuleSpec[];
}

export interface JwtRuleSpec {
  readonly issuer: string;
  readonly audiences?: readonly string[];
  readonly jwksUri?: string;
  readonly jwks?: string;
  readonly fromHeaders?: readonly { readonly name: string; readonly prefix?: string }[];
  readonly fromParams?: readonly string[];
  readonly forwardOriginalToken?: boolean;
  readonly outputPayloadToHeader?: string;
}

/** What an AuthorizationPolicy does with the requests its rules match. */
export class AuthorizationAction {
  /** Let matching requests through; once any ALLOW policy selects a workload, everything else is denied. */
  public static allow(): AuthorizationAction {
    return new AuthorizationAction('ALLOW');
  }

  /** Reject matching requests; DENY policies are evaluated before ALLOW policies. */
  public static deny(): AuthorizationAction {
    return new AuthorizationAction('DENY');
  }

  /** Mark matching requests for auditing by the configured audit provider; does not allow or deny. */
  public static audit(): AuthorizationAction {
    return new AuthorizationAction('AUDIT');
  }

  /** Delegate the decision to an extension provider declared in the mesh config (`extensionProviders`). */
  public static custom(provider: string): AuthorizationAction {
    if (!provider) throw new UserError('custom authorization needs a provider name: use the name of a meshConfig.extensionProviders entry');
    return new AuthorizationAction('CUSTOM', provider);
  }

  private constructor(
    public readonly name: AuthorizationActionName,
    public readonly provider?: string,
  ) {}
}
