import { describeObject } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { servicePorts } from '../traffic/objects';
import { GATEWAY_API_GROUP, gatewayRoutes, isServiceReference, k8sGateway, knownNamespace, type ObjectReference } from './gateway-api';

export const routeParentNotFound: Rule = {
  code: 'CDK8SI050',
  level: 'error',
  title: 'route attached to a missing parent',
  explanation:
    'an HTTPRoute (or GRPC/TLS/TCPRoute) parentRef names a Gateway, listener (sectionName, port) or mesh Service that is not in the input although its namespace is, so the route is attached to nothing',
  fix: 'correct the parentRef (name, namespace, sectionName, port), or add the Gateway, listener or Service',
  check(index) {
    const out: Finding[] = [];
    for (const route of gatewayRoutes(index)) {
      for (const ref of route.parentRefs) {
        if (!knownNamespace(index, ref.namespace)) continue;
        const problem = parentProblem(index, ref);
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

function parentProblem(index: ObjectIndex, ref: ObjectReference): Problem | undefined {
  const target = `${ref.namespace}/${ref.name}`;
  if (ref.kind === 'Gateway' && ref.group === GATEWAY_API_GROUP) {
    const gateway = k8sGateway(index, ref.namespace, ref.name);
    if (!gateway)
      return { text: `names Gateway ${target}, which is not in the input; correct the name or namespace, or add the Gateway`, objects: [] };
    const listeners = gateway.listeners.filter(
      (l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port),
    );
    if (listeners.length > 0) return undefined;
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
