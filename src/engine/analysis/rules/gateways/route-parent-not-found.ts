import { describeObject, isRecord } from '../../../k8s/object';
import { matches, type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { stringMap } from '../../workloads';
import { servicePorts } from '../traffic/objects';
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { gatewayRoutes, isServiceReference, k8sGateway, type Listener, type ObjectReference } from './gateway-api';

export const routeParentNotFound: Rule = {
  code: 'CDK8SI050',
  level: 'error',
  title: 'route attached to a missing parent',
  explanation:
    "an HTTPRoute (or GRPC/TLS/TCPRoute) parentRef names a Gateway, listener (sectionName, port) or mesh Service that is not in the input although its namespace is, or listeners whose allowedRoutes do not admit the route's namespace, so the route is attached to nothing",
  fix: "correct the parentRef (name, namespace, sectionName, port), add the Gateway, listener or Service, or admit the route's namespace in the listener's allowedRoutes",
  check(index) {
    const out: Finding[] = [];
    for (const route of gatewayRoutes(index)) {
      for (const ref of route.parentRefs) {
        if (!index.hasNamespace(ref.namespace)) continue;
        const problem = parentProblem(index, ref, route.namespace);
        if (!problem) continue;
        out.push(finding(this, `${describeObject(route.entry.object)}: parentRef ${problem.text}`, route.entry, ...problem.objects));
      }
    }
    return out;
  },
};

interface Problem {
  readonly text: string;
  readonly objects: SourcedObject[];
}

function parentProblem(index: ObjectIndex, ref: ObjectReference, routeNamespace: string): Problem | undefined {
  const target = `${ref.namespace}/${ref.name}`;
  if (ref.kind === 'Gateway' && ref.group === GATEWAY_API_GROUP) {
    const gateway = k8sGateway(index, ref.namespace, ref.name);
    if (!gateway)
      return { text: `names Gateway ${target}, which is not in the input; correct the name or namespace, or add the Gateway`, objects: [] };
    const listeners = gateway.listeners.filter(
      (l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port),
    );
    if (listeners.length > 0) {
      if (listeners.some((l) => admits(index, l, gateway.namespace, routeNamespace))) return undefined;
      const names = listeners.map((l) => `'${l.name}'`).join(', ');
      return {
        text:
          `attaches to listener(s) ${names} of Gateway ${target}, whose allowedRoutes do not admit routes of namespace '${routeNamespace}'; ` +
          "set the listener's allowedRoutes.namespaces to from: All or a selector matching that namespace, or move the route",
        objects: [gateway.entry],
      };
    }
    const wanted = [ref.sectionName && `named '${ref.sectionName}'`, ref.port && `on port ${ref.port}`].filter(Boolean).join(' ');
    const have = gateway.listeners.map((l) => `'${l.name}' (port ${l.port ?? '?'})`).join(', ') || 'none';
    return {
      text: `names a listener ${wanted} of Gateway ${target}, which has no such listener (listeners: ${have}); correct sectionName or port, or add the listener`,
      objects: [gateway.entry],
    };
  }
  if (isServiceReference(ref)) {
    const service = index.service(ref.namespace, ref.name);
    if (!service)
      return { text: `names Service ${target}, which is not in the input; correct the name or namespace, or add the Service`, objects: [] };
    const ports = servicePorts(service);
    if (ref.port === undefined || ports.includes(ref.port)) return undefined;
    return {
      text: `names port ${ref.port} of Service ${target}, which exposes ${ports.join(', ') || 'no ports'}; use one of those or add the port`,
      objects: [service],
    };
  }
  return undefined;
}

/**
 * Whether a listener's allowedRoutes admit routes of `routeNamespace`. A selector is judged only by its matchLabels
 * and only when the route's Namespace is in the input (or the selector names it by kubernetes.io/metadata.name):
 * other namespaces' labels are unknown, and matchExpressions are given the benefit of the doubt.
 */
function admits(index: ObjectIndex, listener: Listener, gatewayNamespace: string, routeNamespace: string): boolean {
  const allowed = listener.allowedNamespaces ?? {};
  const from = allowed.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  const selector = isRecord(allowed.selector) ? allowed.selector : {};
  if (from !== 'Selector' || selector.matchExpressions !== undefined) return true;
  const wanted = stringMap(selector.matchLabels);
  const onlyName = Object.keys(wanted).every((k) => k === 'kubernetes.io/metadata.name');
  if (!onlyName && !index.namespace(routeNamespace)) return true;
  return matches(wanted, index.namespaceLabels(routeNamespace));
}
