import { describeObject } from '../../../k8s/object';
import { weightProblem } from '../../../../model/traffic/checks';
import { finding, type Rule } from '../../rule';
import { httpRoutes } from './objects';

export const routeWeightsSum: Rule = {
  code: 'CDK8SI080',
  level: 'warning',
  title: 'route weights do not add up to 100',
  explanation:
    'the destination weights of a VirtualService http route add up to something other than 100, so Istio rescales them and the split is not the one written',
  fix: 'make the weights of each route add up to 100',
  check(index) {
    return httpRoutes(index).flatMap(({ entry, route, label }) => {
      const problem = weightProblem(route, label);
      return problem ? [finding(this, `${describeObject(entry.object)}: ${problem}`, entry)] : [];
    });
  },
};
