import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AuthorizationAction,
  type AuthorizationPolicySpec,
  type AuthorizationRuleSpec,
  type PolicyTargetRef,
  SECURITY_API_VERSION,
} from '../../model/traffic/security';
import { namespaceOf, portProblem, selectorProblems, selectorSpec } from './common';

/** Who sends the request; all given fields must match, and each left out matches any source. */
export interface RequestSourceProps {
  /** Peer identities, e.g. 'cluster.local/ns/shop/sa/frontend' (needs mTLS). @default - any */
  readonly principals?: readonly string[];
  /** @default - none excluded */
  readonly notPrincipals?: readonly string[];
  /** Namespaces of the peer workloads (needs mTLS). @default - any */
  readonly namespaces?: readonly string[];
  /** @default - none excluded */
  readonly notNamespaces?: readonly string[];
  /** `<iss>/<sub>` of a validated JWT (needs a RequestAuthentication). @default - any, with or without a token */
  readonly requestPrincipals?: readonly string[];
  /** Peer addresses or CIDR ranges. @default - any */
  readonly ipBlocks?: readonly string[];
  /** @default - none excluded */
  readonly notIpBlocks?: readonly string[];
}

/** What the request does; all given fields must match, and each left out matches any operation. */
export interface RequestOperationProps {
  /** Upper-case HTTP methods, e.g. ['GET', 'HEAD']. @default - any */
  readonly methods?: readonly string[];
  /** @default - none excluded */
  readonly notMethods?: readonly string[];
  /** Paths; '*' may start or end a path ('/api/*'). @default - any */
  readonly paths?: readonly string[];
  /** @default - none excluded */
  readonly notPaths?: readonly string[];
  /** Workload ports the request arrives on. @default - any */
  readonly ports?: readonly number[];
  /** Host headers. @default - any */
  readonly hosts?: readonly string[];
}

/** A rule matches when a source, an operation and every condition match. */
export interface AuthorizationRuleProps {
  /** Any one source. @default - any source */
  readonly from?: readonly RequestSourceProps[];
  /** Any one operation. @default - any operation */
  readonly to?: readonly RequestOperationProps[];
  /** Extra attribute conditions, e.g. { key: 'request.auth.claims[groups]', values: ['admin'] }. @default - none */
  readonly when?: readonly { readonly key: string; readonly values?: readonly string[]; readonly notValues?: readonly string[] }[];
}

export interface AuthorizationPolicyProps {
  /** @default - generated from the construct path */
  readonly name?: string;
  /** Namespace it applies to; the root namespace (istio-system) makes it mesh-wide. @default - the chart's namespace */
  readonly namespace?: string;
  /** Pod labels of the workloads it applies to. @default - every workload in the namespace */
  readonly selector?: Record<string, string>;
  /**
   * Objects of the policy's namespace it attaches to instead of a selector, e.g. `[waypoint.targetRef]`: enforced by
   * that waypoint (or gateway), which is where L7 rules work in ambient mode. Not together with `selector`.
   * @default - none: the selector (or the whole namespace) decides
   */
  readonly targetRefs?: readonly PolicyTargetRef[];
  /** @default AuthorizationAction.allow() */
  readonly action?: AuthorizationAction;
  /** @default - none: an ALLOW policy then allows nothing */
  readonly rules?: readonly AuthorizationRuleProps[];
}

const HTTP_METHOD = /^[A-Z]+$/;

/** An `AuthorizationPolicy`: which requests the selected workloads accept. */
export class AuthorizationPolicy extends Construct {
  /**
   * Denies every request to the namespace's workloads that no other ALLOW policy lets through:
   * an ALLOW policy without rules (Istio's "allow nothing").
   */
  public static denyAll(
    scope: Construct,
    id: string,
    props: { readonly namespace?: string; readonly name?: string } = {},
  ): AuthorizationPolicy {
    return new AuthorizationPolicy(scope, id, { name: props.name ?? 'deny-all', namespace: props.namespace });
  }

  public readonly apiObject: ApiObject;
  public readonly namespace: string | undefined;

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps = {}) {
    super(scope, id);
    this.namespace = namespaceOf(this, props.namespace);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SECURITY_API_VERSION,
      kind: 'AuthorizationPolicy',
      metadata: { name: props.name, namespace: this.namespace },
      spec: renderAuthorizationPolicy(props),
    });
    this.node.addValidation({ validate: () => authorizationPolicyProblems(props) });
  }
}

function renderAuthorizationPolicy(props: AuthorizationPolicyProps): AuthorizationPolicySpec {
  const action = props.action ?? AuthorizationAction.allow();
  return {
    ...selectorSpec(props.selector),
    ...(props.targetRefs
      ? { targetRefs: props.targetRefs.map((r) => ({ ...(r.group ? { group: r.group } : {}), kind: r.kind, name: r.name })) }
      : {}),
    // ALLOW is Istio's default; leaving it out keeps the "allow nothing" policy in its familiar `spec: {}` form.
    ...(action.name !== 'ALLOW' ? { action: action.name } : {}),
    ...(action.provider ? { provider: { name: action.provider } } : {}),
    ...(props.rules?.length ? { rules: props.rules.map(renderRule) } : {}),
  };
}

function renderRule(rule: AuthorizationRuleProps): AuthorizationRuleSpec {
  return {
    ...(rule.from?.length ? { from: rule.from.map((s) => ({ source: copyLists(s) })) } : {}),
    ...(rule.to?.length
      ? {
          to: rule.to.map((o) => ({ operation: copyLists({ ...o, ports: o.ports?.map(String) }) })),
        }
      : {}),
    ...(rule.when?.length ? { when: rule.when.map((c) => copyLists(c)) } : {}),
  };
}

/** A copy with the defined, non-empty fields only. */
function copyLists<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]),
  ) as T;
}

function authorizationPolicyProblems(props: AuthorizationPolicyProps): string[] {
  const problems = [...selectorProblems(props.selector), ...targetRefProblems(props)];
  const action = props.action?.name ?? 'ALLOW';
  if (action !== 'ALLOW' && !props.rules?.length) {
    problems.push(
      `${action} policy has no rules and so matches no request: add rules, or use AuthorizationPolicy.denyAll() to deny by default`,
    );
  }
  (props.rules ?? []).forEach((rule, i) => {
    const what = `rule #${i + 1}`;
    for (const op of rule.to ?? []) {
      for (const m of [...(op.methods ?? []), ...(op.notMethods ?? [])]) {
        if (!HTTP_METHOD.test(m)) problems.push(`${what} method '${m}' is not an upper-case HTTP method: write it as e.g. 'GET'`);
      }
      for (const p of [...(op.paths ?? []), ...(op.notPaths ?? [])]) {
        if (!p.startsWith('/') && !p.startsWith('*'))
          problems.push(`${what} path '${p}' must start with '/' (or '*' for a suffix match): e.g. '/api/*'`);
      }
      for (const port of op.ports ?? []) {
        const problem = portProblem(`${what} port`, port);
        if (problem) problems.push(problem);
      }
    }
    for (const c of rule.when ?? []) {
      if (!c.key) problems.push(`${what} has a condition with an empty key: name an attribute, e.g. 'request.headers[x-token]'`);
      if (!c.values?.length && !c.notValues?.length) problems.push(`${what} condition '${c.key}' has no values: give values or notValues`);
    }
  });
  return problems;
}

/** Istio accepts these targets (group/kind); anything else is rejected when applied. */
const TARGET_KINDS = [
  '/Service',
  'networking.istio.io/ServiceEntry',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/GatewayClass',
];

function targetRefProblems(props: AuthorizationPolicyProps): string[] {
  const refs = props.targetRefs;
  if (refs === undefined) return [];
  if (props.selector) return ['set either selector or targetRefs, not both: istio rejects a policy with both'];
  if (refs.length === 0 || refs.length > 16) return [`targetRefs has ${refs.length} entries: give 1 to 16, or omit it`];
  return refs.flatMap((r, i) => {
    const what = `targetRefs #${i + 1}`;
    const out: string[] = [];
    if (!TARGET_KINDS.includes(`${r.group ?? ''}/${r.kind}`)) {
      const kinds = TARGET_KINDS.map((k) => (k.startsWith('/') ? `${k.slice(1)} (empty group)` : k)).join(', ');
      out.push(`${what} kind ${r.kind} of group '${r.group ?? ''}' is not a policy target: use one of ${kinds}`);
    }
    if (!r.name) out.push(`${what} has no name: name the ${r.kind} in the policy's namespace`);
    return out;
  });
}
