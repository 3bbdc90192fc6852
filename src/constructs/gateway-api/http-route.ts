import { ApiObject, Lazy } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { dns1123SubdomainError } from '../../model/names';
import { assertShapes, shapeProblem } from '../../model/prop-shapes';
import { type IstioDuration } from '../../model/traffic/duration';
import {
  type BackendRefSpec,
  GATEWAY_API_GROUP,
  GATEWAY_API_VERSION,
  type GatewayApiHttpRouteSpec,
  type GatewayApiMatchSpec,
  type GatewayApiRouteRuleSpec,
  hostnameProblem,
  type ParentReferenceSpec,
} from '../../model/traffic/gateway-api';
import { type HttpRouteFilter } from '../../model/traffic/http-route-filter';
import { type StringMatch } from '../../model/traffic/string-match';
import { defined, namespaceOf } from '../policies/common';
import { describeTarget, isConstruct, servicePorts, serviceOf } from '../workload-target';
import { attachmentProblems, backendProblems, ruleProblems } from './http-route-checks';
import { type IKubernetesGateway } from './kubernetes-gateway';
import { CrossNamespaceGrants } from './reference-grant';

/** A Gateway (and optionally one of its listeners) the route attaches to. */
export interface HttpRouteParentProps {
  readonly gateway: IKubernetesGateway;
  /** Listener name (`sectionName`). @default - every listener that admits the route */
  readonly listener?: string;
  /** @default - any port */
  readonly port?: number;
}

/** A Service that requests go to: a cdk8s-plus Service or ApiObject of kind Service, or one named outside this app. */
export interface HttpBackendProps {
  readonly service: IConstruct | { readonly name: string; readonly namespace?: string };
  /** Service port. @default - the Service's only port (required for a Service named by hand) */
  readonly port?: number;
  /** Relative share of requests (0-1000000); shares of a rule need not add up to 100. @default 1 */
  readonly weight?: number;
  /** Filters applied only on this backend. @default - none */
  readonly filters?: readonly HttpRouteFilter[];
}

/** Conditions a request must meet; all given fields must match. */
export interface HttpRouteMatchProps {
  /** StringMatch.exact / prefix / regex of the path. @default - prefix '/' */
  readonly path?: StringMatch;
  /** Headers by name (exact or regex). @default - no header condition */
  readonly headers?: Record<string, StringMatch>;
  /** Query parameters by name (exact or regex). @default - no query condition */
  readonly queryParams?: Record<string, StringMatch>;
  /** e.g. 'GET'. @default - any method */
  readonly method?: string;
}

export interface HttpRouteRuleProps {
  /** @default - unnamed */
  readonly name?: string;
  /** Any one match selects the rule. @default - every request */
  readonly matches?: readonly HttpRouteMatchProps[];
  /** @default - none (a rule without backends must redirect, else it answers 500) */
  readonly backends?: readonly HttpBackendProps[];
  /** @default - none */
  readonly filters?: readonly HttpRouteFilter[];
  /** Whole request, retries included (whole units: '1500ms', not '1.5s'). @default - the implementation's */
  readonly timeout?: IstioDuration;
  /** Each request to a backend. @default - `timeout` */
  readonly backendTimeout?: IstioDuration;
}

export interface GatewayHttpRouteProps {
  /** A DNS subdomain. */
  readonly name: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Gateways to attach to: a KubernetesGateway, or one with a listener and port. */
  readonly parents: readonly (IKubernetesGateway | HttpRouteParentProps)[];
  /** Hosts the route answers (they must meet the listeners' hostnames). @default - the listeners' hosts */
  readonly hostnames?: readonly string[];
  /** @default - none (add with addRule) */
  readonly rules?: readonly HttpRouteRuleProps[];
  /** Create the ReferenceGrants that backends in other namespaces need. @default true */
  readonly referenceGrants?: boolean;
}

/** A Gateway API `HTTPRoute`: matches, filters, weighted backends and timeouts, attached to gateways by reference. */
export class HttpRoute extends Construct {
  public readonly apiObject: ApiObject;
  public readonly namespace: string | undefined;
  private readonly rules: HttpRouteRuleProps[] = [];
  private readonly grants: CrossNamespaceGrants;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: GatewayHttpRouteProps,
  ) {
    super(scope, id);
    assertShapes(this.node.path, [
      shapeProblem(props.parents, 'object array', 'parents'),
      shapeProblem(props.rules, 'object array', 'rules', true),
      shapeProblem(props.hostnames, 'string array', 'hostnames', true),
    ]);
    this.namespace = namespaceOf(this, props.namespace);
    this.grants = new CrossNamespaceGrants(
      this,
      { kind: 'HTTPRoute', name: props.name, namespace: this.namespace },
      props.referenceGrants ?? true,
    );
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: props.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    for (const rule of props.rules ?? []) this.addRule(rule);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Appends a rule; the most specific match wins, not the first. */
  public addRule(rule: HttpRouteRuleProps): void {
    assertShapes(this.node.path, ruleShapeProblems(rule, `rule ${this.rules.length + 1}`));
    this.rules.push(rule);
    const mirrors = [...(rule.filters ?? []), ...(rule.backends ?? []).flatMap((b) => b.filters ?? [])];
    for (const f of mirrors.map((m) => m.toSpec().requestMirror).filter((m) => m !== undefined)) {
      this.grants.add({ group: '', kind: 'Service', ...f.backendRef });
    }
    for (const b of rule.backends ?? []) {
      const ref = backendName(b.service);
      if (ref) this.grants.add({ group: '', kind: 'Service', ...ref });
    }
  }

  public spec(): GatewayApiHttpRouteSpec {
    return {
      parentRefs: this.parents().map(({ gateway, listener, port }) => parentRef(gateway, listener, port, this.namespace)),
      ...(this.props.hostnames ? { hostnames: [...this.props.hostnames] } : {}),
      rules: this.rules.map((r) => renderRule(r, this.namespace)),
    };
  }

  private parents(): HttpRouteParentProps[] {
    return this.props.parents.map((p) => ('gateway' in p ? p : { gateway: p }));
  }

  private problems(): string[] {
    const problems: (string | undefined)[] = [dns1123SubdomainError(this.props.name, 'route name')];
    if (this.props.parents.length === 0) problems.push('route has no parents: attach it to a KubernetesGateway');
    for (const h of this.props.hostnames ?? []) problems.push(hostnameProblem(h, 'route hostname'));
    if (this.rules.length > 16) problems.push(`route has ${this.rules.length} rules: Gateway API allows 16; split it into several routes`);
    for (const parent of this.parents()) problems.push(...attachmentProblems(this, parent, this.namespace, this.props.hostnames ?? []));
    this.rules.forEach((rule, i) => {
      const what = rule.name ? `rule '${rule.name}'` : `rule #${i + 1}`;
      problems.push(...ruleProblems(rule, what));
      for (const b of rule.backends ?? []) problems.push(...backendProblems(what, b.service, b.port, b.weight, portsOf(b.service)));
    });
    return [...defined(problems), ...this.grants.problems()];
  }
}

function backendName(service: HttpBackendProps['service']): { name: string; namespace?: string } | undefined {
  if (isConstruct(service)) {
    const target = serviceOf(service);
    return target ? { name: target.apiObject.name, namespace: target.apiObject.metadata.namespace } : undefined;
  }
  return service;
}

function portsOf(service: HttpBackendProps['service']): readonly number[] | undefined {
  const target = isConstruct(service) ? serviceOf(service) : undefined;
  return target ? servicePorts(target).map((p) => p.port) : undefined;
}

function parentRef(
  gateway: IKubernetesGateway,
  sectionName: string | undefined,
  port: number | undefined,
  own: string | undefined,
): ParentReferenceSpec {
  return {
    group: GATEWAY_API_GROUP,
    kind: 'Gateway',
    ...(gateway.namespace && gateway.namespace !== own ? { namespace: gateway.namespace } : {}),
    name: gateway.gatewayName,
    ...(sectionName ? { sectionName } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

function renderRule(r: HttpRouteRuleProps, own: string | undefined): GatewayApiRouteRuleSpec {
  const timeouts = {
    ...(r.timeout ? { request: r.timeout.toString() } : {}),
    ...(r.backendTimeout ? { backendRequest: r.backendTimeout.toString() } : {}),
  };
  return {
    ...(r.name ? { name: r.name } : {}),
    ...(r.matches?.length ? { matches: r.matches.map(renderMatch) } : {}),
    ...(r.filters?.length ? { filters: r.filters.map((f) => f.toSpec()) } : {}),
    ...(r.backends?.length ? { backendRefs: r.backends.map((b) => renderBackend(b, own)) } : {}),
    ...(Object.keys(timeouts).length ? { timeouts } : {}),
  };
}

function renderBackend(b: HttpBackendProps, own: string | undefined): BackendRefSpec {
  const ref = backendName(b.service) ?? { name: describeTarget(b.service) };
  const ports = portsOf(b.service);
  const port = b.port ?? (ports?.length === 1 ? ports[0] : undefined);
  return {
    group: '',
    kind: 'Service',
    name: ref.name,
    ...(ref.namespace && ref.namespace !== own ? { namespace: ref.namespace } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(b.weight !== undefined ? { weight: b.weight } : {}),
    ...(b.filters?.length ? { filters: b.filters.map((f) => f.toSpec()) } : {}),
  };
}

const PATH_TYPES = { exact: 'Exact', prefix: 'PathPrefix', regex: 'RegularExpression' } as const;
const VALUE_TYPES = { exact: 'Exact', prefix: 'Prefix', regex: 'RegularExpression' } as const;

function renderMatch(m: HttpRouteMatchProps): GatewayApiMatchSpec {
  const typed = (map: Record<string, StringMatch> | undefined) =>
    Object.entries(map ?? {}).map(([name, match]) => {
      const [kind, value] = Object.entries(match.toSpec())[0] as [keyof typeof VALUE_TYPES, string];
      return { type: VALUE_TYPES[kind] as 'Exact' | 'RegularExpression', name, value };
    });
  const path = m.path ? (Object.entries(m.path.toSpec())[0] as [keyof typeof PATH_TYPES, string]) : undefined;
  return {
    ...(path ? { path: { type: PATH_TYPES[path[0]], value: path[1] } } : {}),
    ...(m.headers ? { headers: typed(m.headers) } : {}),
    ...(m.queryParams ? { queryParams: typed(m.queryParams) } : {}),
    ...(m.method ? { method: m.method } : {}),
  };
}

/** The parts of a rule the route reads before validation: lists, and the classes that render matches and filters. */
function ruleShapeProblems(rule: HttpRouteRuleProps, which: string): (string | undefined)[] {
  const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);
  const built = (value: unknown, what: string) => shapeProblem(value, 'built', what, true);
  return [
    shapeProblem(rule, 'object', which),
    shapeProblem(rule?.matches, 'object array', `${which} matches`, true),
    shapeProblem(rule?.backends, 'object array', `${which} backends`, true),
    shapeProblem(rule?.filters, 'array', `${which} filters`, true),
    ...list(rule?.filters).map((f, i) => built(f, `${which} filters[${i}]`)),
    ...list(rule?.backends).flatMap((b, i) => [
      shapeProblem(b.filters, 'array', `${which} backends[${i}] filters`, true),
      ...list(b.filters).map((f, j) => built(f, `${which} backends[${i}] filters[${j}]`)),
    ]),
    ...list(rule?.matches).flatMap((m, i) => [
      built(m.path, `${which} matches[${i}] path`),
      ...(['headers', 'queryParams'] as const).flatMap((field) => [
        shapeProblem(m[field], 'object', `${which} matches[${i}] ${field}`, true),
        ...Object.entries(m[field] ?? {}).map(([name, v]) => built(v, `${which} matches[${i}] ${field} '${name}'`)),
      ]),
    ]),
  ];
}
