import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { servicePorts } from '../traffic/objects';
import { gatewayRoutes, isServiceReference } from './gateway-api';

/** Gateway API backends; VirtualService destinations are checked by IST0101 and CDK8SI083 (traffic rules). */
export const routeBackendNotFound: Rule = {
  code: 'CDK8SI051',
  level: 'error',
  title: 'route to a missing backend Service or port',
  explanation:
    'an HTTPRoute (or GRPC/TLS/TCPRoute) backendRef or mirror names a Service that is not in the input although its namespace is, or a port that Service does not expose, so requests fail',
  fix: 'correct the backendRef (name, namespace, port), or add the Service or its port',
  check(index) {
    const out: Finding[] = [];
    for (const route of gatewayRoutes(index)) {
      for (const ref of route.backendRefs.filter(isServiceReference)) {
        const target = `${ref.namespace}/${ref.name}`;
        const service = index.service(ref.namespace, ref.name);
        if (!service) {
          if (!index.hasNamespace(ref.namespace)) continue;
          out.push(
            finding(
              this,
              `${describeObject(route.entry.object)} sends requests to Service ${target}, which is not in the input; correct the backendRef or add the Service`,
              route.entry,
            ),
          );
          continue;
        }
        const ports = servicePorts(service);
        if (ref.port === undefined || ports.includes(ref.port)) continue;
        out.push(
          finding(
            this,
            `${describeObject(route.entry.object)} sends requests to port ${ref.port} of Service ${target}, which exposes ` +
              `${ports.join(', ') || 'no ports'}; use one of those in the backendRef or add the port to the Service`,
            route.entry,
            service,
          ),
        );
      }
    }
    return out;
  },
};
