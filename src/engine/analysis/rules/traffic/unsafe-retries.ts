import { describeObject } from '../../../k8s/object';
import { unsafeRetryProblem } from '../../../../model/traffic/checks';
import { finding, type Rule } from '../../rule';
import { httpRoutes } from './objects';

export const unsafeRetries: Rule = {
  code: 'CDK8SI082',
  level: 'warning',
  title: 'retries on a non-idempotent route',
  explanation:
    'an http route matching POST or PATCH is retried on conditions where the server may already have acted, so a change can be applied twice',
  fix: 'limit retryOn to connect-failure,refused-stream (and gRPC unavailable,cancelled), or set attempts to 0',
  check(index) {
    return httpRoutes(index).flatMap(({ entry, route, label }) => {
      const problem = unsafeRetryProblem(route, label);
      return problem ? [finding(this, `${describeObject(entry.object)}: ${problem}`, entry)] : [];
    });
  },
};
