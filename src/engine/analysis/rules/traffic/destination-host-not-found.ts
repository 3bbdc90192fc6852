import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { judgeableClusterHost, routeDestinations } from './objects';

export const destinationHostNotFound: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'route to a host with no Service',
  explanation:
    'a VirtualService routes to an in-cluster host whose namespace is in the input but has no such Service (nor a ServiceEntry), so requests fail',
  fix: 'correct the host (name.namespace.svc.cluster.local), or add the Service',
  check(index) {
    const out: Finding[] = [];
    for (const { entry, namespace, destination, label } of routeDestinations(index)) {
      const { host } = destination;
      if (!judgeableClusterHost(index, host, namespace) || index.servicesForHost(host, namespace).length > 0) continue;
      out.push(
        finding(
          this,
          `${describeObject(entry.object)}: ${label} routes to host '${host}', but no Service of that name is in the input; ` +
            'correct the host or add the Service',
          entry,
        ),
      );
    }
    return out;
  },
};
