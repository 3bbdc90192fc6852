import { describeObject } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { servicePorts } from '../traffic/objects';
import { GATEWAY_API_GROUP } from '../../../../model/traffic/gateway-api';
import { describeKinds, KIND_PROTOCOLS } from '../../../../model/traffic/route-attachment';
import { gatewayRoutes, isServiceReference, k8sGateway, type IndexedGatewayRoute, type ObjectReference } from './gateway-api';
import { attachmentOf } from './listener-admission';

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
    const attachment = attachmentOf(index, gateway, ref, route);
    const names = attachment.listeners.map((l) => `'${l.name}'`).join(', ');
    if (attachment.problem === 'namespace') {
      return {
        text:
          `attaches to listener(s) ${names} of Gateway ${target}, whose allowedRoutes do not admit routes of namespace '${routeNamespace}'; ` +
          "set the listener's allowedRoutes.namespaces to from: All or a selector matching that namespace, or move the route",
        objects: [gateway.entry],
      };
    }
    if (attachment.problem === 'kind') {
      return {
        text:
          `attaches to listener(s) ${names} of Gateway ${target}, which do not take ${route.kind}: ${attachment.listeners.map(describeKinds).join('; ')}; ` +
          `attach it to a listener whose protocol carries ${route.kind} (${KIND_PROTOCOLS[route.kind] ?? 'see the Gateway API'}), ` +
          'listing the kind in allowedRoutes.kinds if that is set',
        objects: [gateway.entry],
      };
    }
    // Hostnames are CDK8SI056's.
    if (attachment.problem !== 'no-listener') return undefined;
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
