/** Checks of an HttpRoute's rules, backends and gateway attachments (Gateway API's rules), each with the fix. */
import { type IConstruct } from 'constructs';
import { parseDurationMillis } from '../../model/traffic/duration';
import { durationProblem, hostnamesIntersect, type HttpRouteFilterSpec, type ListenerSpec } from '../../model/traffic/gateway-api';
import { integerProblem, percentProblem, portProblem } from '../policies/common';
import { describeTarget, isConstruct, serviceOf } from '../workload-target';
import type { HttpRouteParentProps, HttpRouteRuleProps } from './http-route';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** Why a route cannot attach to a parent gateway whose listeners are known. */
export function attachmentProblems(
  parent: HttpRouteParentProps,
  routeNamespace: string | undefined,
  hostnames: readonly string[],
): string[] {
  const listeners = parent.gateway.listenerSpecs();
  if (!listeners) return [];
  const gw = `gateway '${parent.gateway.gatewayName}'`;
  const names = listeners.map((l) => l.name).join(', ') || 'none';
  let candidates: readonly ListenerSpec[] = listeners;
  if (parent.listener !== undefined) {
    candidates = listeners.filter((l) => l.name === parent.listener);
    if (candidates.length === 0) return [`listener '${parent.listener}' is not a listener of ${gw} (it has ${names}): name one of those`];
  }
  if (parent.port !== undefined) {
    candidates = candidates.filter((l) => l.port === parent.port);
    if (candidates.length === 0)
      return [`port ${parent.port} is not a port of the chosen listeners of ${gw}: use one of ${listeners.map((l) => l.port).join(', ')}`];
  }
  candidates = candidates.filter((l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
  if (candidates.length === 0)
    return [`${gw} has no HTTP or HTTPS listener for the route (listeners: ${names}): add one, or attach to another`];
  const own = (l: ListenerSpec) => (l.allowedRoutes?.namespaces?.from ?? 'Same') !== 'Same' || parent.gateway.namespace === routeNamespace;
  candidates = candidates.filter(own);
  if (candidates.length === 0) {
    return [
      `${gw} in namespace '${parent.gateway.namespace ?? '<none>'}' admits routes of its own namespace only, and this route is in '${routeNamespace ?? '<none>'}': ` +
        "set the listener's allowedRoutes to { from: 'All' } or a namespace selector, or move the route",
    ];
  }
  if (hostnames.length > 0 && !candidates.some((l) => hostnames.some((h) => hostnamesIntersect(l.hostname, h)))) {
    return [
      `hostnames ${hostnames.join(', ')} match no listener hostname of ${gw} (${candidates.map((l) => l.hostname ?? '*').join(', ')}): ` +
        "change the route's hostnames or the listener's",
    ];
  }
  return [];
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
