/** Checks of an HttpRoute's rules, backends and gateway attachments (Gateway API's rules), each with the fix. */
import { type IConstruct } from 'constructs';
import { appNamespaceLabels } from '../../core/app-index';
import { parseDurationMillis } from '../../model/traffic/duration';
import { UNSET_NAMESPACE } from '../../model/traffic/gateway';
import { durationProblem, type HttpRouteFilterSpec, type ListenerSpec } from '../../model/traffic/gateway-api';
import { describeKinds, KIND_PROTOCOLS, listenersFor, routeAttachment } from '../../model/traffic/route-attachment';
import { integerProblem, percentProblem, portProblem } from '../policies/common';
import { describeTarget, isConstruct, serviceOf } from '../workload-target';
import type { HttpRouteParentProps, HttpRouteRuleProps } from './http-route';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/**
 * Why an HTTPRoute of `routeNamespace` cannot attach to a parent gateway whose listeners are known: the shared
 * attachment rules (the analysis's CDK8SI050 and CDK8SI056), with the labels of the app's Namespace objects.
 */
export function attachmentProblems(
  scope: IConstruct,
  parent: HttpRouteParentProps,
  routeNamespace: string | undefined,
  hostnames: readonly string[],
): string[] {
  const listeners = parent.gateway.listenerSpecs();
  if (!listeners) return [];
  const gw = `gateway '${parent.gateway.gatewayName}'`;
  const gatewayNamespace = parent.gateway.namespace ?? UNSET_NAMESPACE;
  const namespace = routeNamespace ?? UNSET_NAMESPACE;
  const route = { namespace, kind: 'HTTPRoute', hostnames };
  const choice = { sectionName: parent.listener, port: parent.port };
  const { problem, listeners: concerned } = routeAttachment(listeners, choice, gatewayNamespace, route, (ns) =>
    appNamespaceLabels(scope, ns),
  );
  const names = (ls: readonly ListenerSpec[]) => ls.map((l) => `'${l.name}'`).join(', ') || 'none';
  switch (problem) {
    case 'no-listener':
      if (parent.listener !== undefined && !listeners.some((l) => l.name === parent.listener))
        return [`listener '${parent.listener}' is not a listener of ${gw} (it has ${names(listeners)}): name one of those`];
      return [
        `port ${parent.port} is not a port of the chosen listeners of ${gw}: use one of ${listenersFor(listeners, {
          sectionName: parent.listener,
        })
          .map((l) => l.port)
          .join(', ')}`,
      ];
    case 'namespace':
      return [
        `listener(s) ${names(concerned)} of ${gw} in namespace '${gatewayNamespace}' do not admit routes of namespace '${namespace}': ` +
          "set the listener's allowedRoutes to { from: 'All' } or a selector matching that namespace, or move the route",
      ];
    case 'kind':
      return [
        `listener(s) ${names(concerned)} of ${gw} do not take HTTPRoute: ${concerned.map(describeKinds).join('; ')}: ` +
          `attach to a listener whose protocol carries HTTPRoute (${KIND_PROTOCOLS.HTTPRoute}), listing the kind in allowedRoutes.kinds if that is set`,
      ];
    case 'hostname':
      return [
        `hostnames ${hostnames.join(', ')} match no listener hostname of ${gw} (${concerned.map((l) => l.hostname ?? '*').join(', ')}): ` +
          "change the route's hostnames or the listener's",
      ];
    default:
      return [];
  }
}

export function ruleProblems(rule: HttpRouteRuleProps, what: string): (string | undefined)[] {
  const problems: (string | undefined)[] = [];
  const matches = rule.matches ?? [];
  for (const m of matches) {
    if (m.method && !METHODS.has(m.method))
      problems.push(`${what} method '${m.method}' is not an HTTP method: use one of ${[...METHODS].join(', ')}`);
    const path = m.path?.toSpec();
    const value = path?.exact ?? path?.prefix;
    if (value !== undefined && !value.startsWith('/')) problems.push(`${what} path '${value}' is not absolute: start it with '/'`);
    for (const [kind, map] of [
      ['header', m.headers],
      ['query parameter', m.queryParams],
    ] as const) {
      for (const [name, match] of Object.entries(map ?? {})) {
        if (match.toSpec().prefix !== undefined) {
          problems.push(
            `${what} ${kind} '${name}' uses a prefix match, which Gateway API lacks: use StringMatch.exact() or StringMatch.regex()`,
          );
        }
      }
    }
  }
  const filters = (rule.filters ?? []).map((f) => f.toSpec());
  const seen = new Set<string>();
  for (const f of filters) {
    if (seen.has(f.type) && f.type !== 'RequestMirror') problems.push(`${what} has two ${f.type} filters: merge them into one`);
    seen.add(f.type);
  }
  const redirects = seen.has('RequestRedirect');
  if (redirects && seen.has('URLRewrite')) problems.push(`${what} both redirects and rewrites: keep one of the two filters`);
  if (redirects && rule.backends?.length)
    problems.push(`${what} redirects, so its backends never get a request: drop the backends or the redirect`);
  if (!redirects && !rule.backends?.length)
    problems.push(`${what} has no backends (requests would get 500): add backends, or a redirect filter`);
  const all = [...filters, ...(rule.backends ?? []).flatMap((b) => (b.filters ?? []).map((f) => f.toSpec()))];
  // A match without a path matches the prefix '/', so only explicit exact or regex paths conflict.
  if (all.some(replacesPrefix) && matches.some((m) => m.path && m.path.toSpec().prefix === undefined)) {
    problems.push(
      `${what} replaces the matched path prefix, so every match needs a path prefix: use StringMatch.prefix() paths, or PathModifier.fullPath()`,
    );
  }
  for (const f of all)
    problems.push(
      percentProblem(`${what} mirror percent`, f.requestMirror?.percent),
      portProblem(`${what} redirect port`, f.requestRedirect?.port),
    );
  problems.push(...timeoutProblems(rule, what));
  return problems;
}

function replacesPrefix(f: HttpRouteFilterSpec): boolean {
  return f.urlRewrite?.path?.type === 'ReplacePrefixMatch' || f.requestRedirect?.path?.type === 'ReplacePrefixMatch';
}

function timeoutProblems(rule: HttpRouteRuleProps, what: string): (string | undefined)[] {
  const request = rule.timeout?.toString();
  const backend = rule.backendTimeout?.toString();
  const problems = [
    request ? durationProblem(request, `${what} timeout`) : undefined,
    backend ? durationProblem(backend, `${what} backendTimeout`) : undefined,
  ];
  const r = request ? parseDurationMillis(request) : undefined;
  const b = backend ? parseDurationMillis(backend) : undefined;
  if (r !== undefined && b !== undefined && b > r)
    problems.push(`${what} backendTimeout ${backend} exceeds timeout ${request}: make it at most the timeout`);
  return problems;
}

export function backendProblems(
  what: string,
  service: IConstruct | { readonly name: string; readonly namespace?: string },
  port: number | undefined,
  weight: number | undefined,
  ports: readonly number[] | undefined,
): (string | undefined)[] {
  if (isConstruct(service) && !serviceOf(service)) {
    return [
      `${what} backend: expected a Service (cdk8s-plus or an ApiObject of kind Service) or { name, namespace? }, got ${describeTarget(service)}`,
    ];
  }
  const name = isConstruct(service) ? serviceOf(service)!.apiObject.name : service.name;
  const problems = [
    integerProblem(`${what} backend '${name}' weight`, weight, 0, 1000000),
    portProblem(`${what} backend '${name}' port`, port),
  ];
  if (ports && port !== undefined && !ports.includes(port)) {
    problems.push(
      `${what} backend port ${port} is not a port of service '${name}' (it has ${ports.join(', ') || 'none'}): use one of those`,
    );
  }
  if (port === undefined && (!ports || ports.length !== 1)) {
    problems.push(`${what} backend '${name}' needs a port${ports?.length ? ` (it has ${ports.join(', ')})` : ''}: set \`port\``);
  }
  return problems;
}
