import { describeObject } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { servicePorts } from '../traffic/objects';
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { gatewayRoutes, isServiceReference, k8sGateway, type IndexedGatewayRoute, type ObjectReference } from './gateway-api';
import { admitsKind, admitsNamespace, listenersFor, routeKindsOf } from './listener-admission';

export const routeParentNotFound: Rule = {
  code: 'CDK8SI050',
  level: 'error',
  title: 'route attached to a missing parent',
  explanation:
    "an HTTPRoute (or GRPC/TLS/TCPRoute) parentRef names a Gateway, listener (sectionName, port) or mesh Service that is not in the input although its namespace is, or listeners that do not admit the route's namespace (allowedRoutes.namespaces) or kind (protocol, allowedRoutes.kinds), so the route is attached to nothing",
  fix: "correct the parentRef (name, namespace, sectionName, port), add the Gateway, listener or Service, or admit the route's namespace and kind in the listener's allowedRoutes",
  check(index) {
    const out: Finding[] = [];
    for (const route of gatewayRoutes(index)) {
      for (const ref of route.parentRefs) {
        if (!index.hasNamespace(ref.namespace)) continue;
        const problem = parentProblem(index, ref, route);
        if (!problem) continue;
        out.push(finding(this, `${describeObject(route.entry.object)}: parentRef ${problem.text}`, route.entry, ...problem.objects));
      }
    }
    return out;
  },
};

/** The listener protocols that carry each route kind in Istio, for messages. */
const KIND_PROTOCOLS: Readonly<Record<string, string>> = {
  HTTPRoute: 'HTTP or HTTPS',
  GRPCRoute: 'HTTP or HTTPS',
  TLSRoute: 'TLS',
  TCPRoute: 'TCP, or TLS in mode Terminate',
};

interface Problem {
  readonly text: string;
  readonly objects: SourcedObject[];
}

function parentProblem(index: ObjectIndex, ref: ObjectReference, route: IndexedGatewayRoute): Problem | undefined {
  const target = `${ref.namespace}/${ref.name}`;
  const routeNamespace = route.namespace;
  if (ref.kind === 'Gateway' && ref.group === GATEWAY_API_GROUP) {
    const gateway = k8sGateway(index, ref.namespace, ref.name);
    if (!gateway)
      return { text: `names Gateway ${target}, which is not in the input; correct the name or namespace, or add the Gateway`, objects: [] };
    const listeners = listenersFor(gateway, ref);
    if (listeners.length > 0) {
      const names = (ls: typeof listeners) => ls.map((l) => `'${l.name}'`).join(', ');
      const admitted = listeners.filter((l) => admitsNamespace(index, l, gateway.namespace, routeNamespace));
      if (admitted.length === 0) {
        return {
          text:
            `attaches to listener(s) ${names(listeners)} of Gateway ${target}, whose allowedRoutes do not admit routes of namespace '${routeNamespace}'; ` +
            "set the listener's allowedRoutes.namespaces to from: All or a selector matching that namespace, or move the route",
          objects: [gateway.entry],
        };
      }
      if (admitted.some((l) => admitsKind(l, route.kind))) return undefined;
      const takes = admitted.map(
        (l) =>
          `'${l.name}' (${l.protocol}) takes ${
            routeKindsOf(l)
              ?.map((k) => k.kind)
              .join(', ') || 'no kind'
          }`,
      );
      return {
        text:
          `attaches to listener(s) ${names(admitted)} of Gateway ${target}, which do not take ${route.kind}: ${takes.join('; ')}; ` +
          `attach it to a listener whose protocol carries ${route.kind} (${KIND_PROTOCOLS[route.kind] ?? 'see the Gateway API'}), ` +
          'listing the kind in allowedRoutes.kinds if that is set',
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
