import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { routeDestinations, servicePorts } from './objects';

export const routePortMissing: Rule = {
  code: 'CDK8SI083',
  level: 'error',
  title: 'route to a port the Service lacks',
  explanation: 'a VirtualService destination names a port number that its Service does not expose, so the route has no endpoints',
  fix: "use one of the Service's ports in destination.port.number, or add the port to the Service",
  check(index) {
    const out: Finding[] = [];
    for (const { entry, namespace, destination, label } of routeDestinations(index)) {
      const port = destination.port?.number;
      if (port === undefined) continue;
      for (const service of index.servicesForHost(destination.host, namespace)) {
        const ports = servicePorts(service);
        if (ports.includes(Number(port))) continue;
        out.push(
          finding(
            this,
            `${describeObject(entry.object)}: ${label} routes to port ${port} of ${describeObject(service.object)}, ` +
              `which exposes ${ports.join(', ') || 'no ports'}; route to one of those or add the port to the Service`,
            entry,
            service,
          ),
        );
      }
    }
    return out;
  },
};
