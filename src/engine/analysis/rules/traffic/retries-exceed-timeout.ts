import { describeObject } from '../../../k8s/object';
import { retryTimeoutProblem } from '../../../../model/traffic/checks';
import { finding, type Rule } from '../../rule';
import { httpRoutes } from './objects';

export const retriesExceedTimeout: Rule = {
  code: 'CDK8SI081',
  level: 'warning',
  title: 'retries outlast the route timeout',
  explanation:
    'attempts x perTryTimeout of an http route is longer than its timeout, so the timeout ends the request before the retries are used up',
  fix: 'raise the route timeout to at least attempts x perTryTimeout, or lower attempts or perTryTimeout',
  check(index) {
    return httpRoutes(index).flatMap(({ entry, route, label }) => {
      const problem = retryTimeoutProblem(route, label);
      return problem ? [finding(this, `${describeObject(entry.object)}: ${problem}`, entry)] : [];
    });
  },
};
