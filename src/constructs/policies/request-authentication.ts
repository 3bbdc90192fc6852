import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { type JwtRuleSpec, type RequestAuthenticationSpec, SECURITY_API_VERSION } from '../../model/traffic/security';
import { namespaceOf, selectorProblems, selectorSpec } from './common';

/** One accepted token issuer. */
export interface JwtIssuerProps {
  /** The token's `iss`, e.g. 'https://accounts.example.com'. */
  readonly issuer: string;
  /** Where the signing keys are published. @default - found through the issuer's OpenID discovery document */
  readonly jwksUri?: string;
  /** The signing keys inline, as a JWKS JSON string. @default - fetched from jwksUri */
  readonly jwks?: string;
  /** Accepted `aud` values. @default - any audience */
  readonly audiences?: readonly string[];
  /** Headers carrying the token. @default - 'Authorization: Bearer <token>' */
  readonly fromHeaders?: readonly { readonly name: string; readonly prefix?: string }[];
  /** Query parameters carrying the token. @default - 'access_token' */
  readonly fromParams?: readonly string[];
  /** Pass the token on to the workload. @default false */
  readonly forwardOriginalToken?: boolean;
  /** Header that receives the verified payload (base64). @default - none */
  readonly outputPayloadToHeader?: string;
}

export interface RequestAuthenticationProps {
  /** @default - generated from the construct path */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Pod labels of the workloads it applies to. @default - every workload in the namespace */
  readonly selector?: Record<string, string>;
  readonly jwtRules: readonly JwtIssuerProps[];
}

/**
 * A `RequestAuthentication`: which JWTs the selected workloads accept. Requests with an invalid token are
 * rejected; requests without one pass, unless an AuthorizationPolicy requires `requestPrincipals`.
 */
export class RequestAuthentication extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RequestAuthenticationProps) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SECURITY_API_VERSION,
      kind: 'RequestAuthentication',
      metadata: { name: props.name, namespace: namespaceOf(this, props.namespace) },
      spec: renderRequestAuthentication(props),
    });
    this.node.addValidation({ validate: () => requestAuthenticationProblems(props) });
  }
}

function renderRequestAuthentication(props: RequestAuthenticationProps): RequestAuthenticationSpec {
  return {
    ...selectorSpec(props.selector),
    jwtRules: props.jwtRules.map((r): JwtRuleSpec => ({
      issuer: r.issuer,
      ...(r.jwksUri ? { jwksUri: r.jwksUri } : {}),
      ...(r.jwks ? { jwks: r.jwks } : {}),
      ...(r.audiences?.length ? { audiences: [...r.audiences] } : {}),
      ...(r.fromHeaders?.length ? { fromHeaders: r.fromHeaders.map((h) => ({ ...h })) } : {}),
      ...(r.fromParams?.length ? { fromParams: [...r.fromParams] } : {}),
      ...(r.forwardOriginalToken !== undefined ? { forwardOriginalToken: r.forwardOriginalToken } : {}),
      ...(r.outputPayloadToHeader ? { outputPayloadToHeader: r.outputPayloadToHeader } : {}),
    })),
  };
}

function requestAuthenticationProblems(props: RequestAuthenticationProps): string[] {
  const problems = selectorProblems(props.selector);
  if (props.jwtRules.length === 0)
    problems.push("jwtRules is empty: give at least one issuer, e.g. { issuer: 'https://accounts.example.com' }");
  const issuers = new Set<string>();
  for (const r of props.jwtRules) {
    if (!r.issuer) problems.push("jwt issuer '' is empty: give the token's `iss` value");
    if (issuers.has(r.issuer)) problems.push(`jwt issuer '${r.issuer}' is listed twice: keep one rule per issuer`);
    issuers.add(r.issuer);
    if (r.jwksUri && r.jwks) problems.push(`jwt issuer '${r.issuer}' sets both jwksUri and jwks: keep one`);
    if (r.jwksUri && !/^https?:\/\/[^/]+/.test(r.jwksUri)) {
      problems.push(`jwksUri '${r.jwksUri}' is not an http(s) URL: use e.g. 'https://accounts.example.com/.well-known/jwks.json'`);
    }
    if (r.jwks) {
      try {
        JSON.parse(r.jwks);
      } catch {
        problems.push(`jwt issuer '${r.issuer}' jwks is not valid JSON: give the JWKS document as a JSON string`);
      }
    }
    for (const h of r.fromHeaders ?? []) {
      if (!h.name) problems.push(`jwt issuer '${r.issuer}' has a fromHeaders entry with an empty name: name the header, e.g. 'x-jwt'`);
    }
  }
  return problems;
}
