import { describeObject } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';
import { destinationRules, judgeableClusterHost } from './objects';

export const destinationRuleHostUnknown: Rule = {
  code: 'IST0174',
  level: 'warning',
  title: 'DestinationRule host has no Service',
  explanation:
    'a DestinationRule names an in-cluster host whose namespace is in the input but has no such Service, so the rule applies to nothing',
  fix: 'correct the host (name.namespace.svc.cluster.local), or add the Service',
  check(index) {
    return destinationRules(index)
      .filter((dr) => judgeableClusterHost(index, dr.host, dr.namespace) && index.servicesForHost(dr.host, dr.namespace).length === 0)
      .map((dr) =>
        finding(
          this,
          `${describeObject(dr.entry.object)}: host '${dr.host}' matches no Service in the input; correct the host or add the Service`,
          dr.entry,
        ),
      );
  },
};
