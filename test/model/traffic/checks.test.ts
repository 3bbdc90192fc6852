import { retryTimeoutProblem, routeLabel, unsafeRetryProblem, weightProblem } from '../../../src/model/traffic/checks';
import { type HttpRouteSpec } from '../../../src/model/traffic/networking';

const to = (subset: string, weight?: number) => ({ destination: { host: 'echo', subset }, ...(weight === undefined ? {} : { weight }) });

describe('weightProblem', () => {
  test('fires when weights add up to less than 100', () => {
    expect(weightProblem({ route: [to('v1', 80), to('v2', 10)] }, 'r')).toMatch(/weights sum to 90 \(80 \+ 10\): they must add up to 100/);
  });

  test('is quiet for 100 in total and for a single unweighted destination', () => {
    expect(weightProblem({ route: [to('v1', 90), to('v2', 10)] }, 'r')).toBeUndefined();
    expect(weightProblem({ route: [to('v1')] }, 'r')).toBeUndefined();
  });
});

describe('retryTimeoutProblem', () => {
  const route = (timeout: string): HttpRouteSpec => ({ timeout, retries: { attempts: 3, perTryTimeout: '2s' } });

  test('fires when attempts x perTryTimeout exceeds the route timeout', () => {
    expect(retryTimeoutProblem(route('5s'), 'r')).toMatch(/retries 3 x perTryTimeout 2s = 6000ms exceed the route timeout 5s/);
  });

  test('is quiet when the retries fit, or no timeout is set', () => {
    expect(retryTimeoutProblem(route('6s'), 'r')).toBeUndefined();
    expect(retryTimeoutProblem({ retries: { attempts: 3, perTryTimeout: '2s' } }, 'r')).toBeUndefined();
  });
});

describe('unsafeRetryProblem', () => {
  const post = (retryOn?: string): HttpRouteSpec => ({
    match: [{ method: { exact: 'POST' } }],
    retries: { attempts: 2, ...(retryOn ? { retryOn } : {}) },
  });

  test('fires for POST routes retried on 5xx or on the default conditions', () => {
    expect(unsafeRetryProblem(post('5xx,connect-failure'), 'r')).toMatch(/retries POST requests and retryOn has 5xx/);
    expect(unsafeRetryProblem(post(), 'r')).toMatch(/retryOn is unset/);
  });

  test('is quiet for safe conditions and for GET routes', () => {
    expect(unsafeRetryProblem(post('connect-failure,refused-stream'), 'r')).toBeUndefined();
    expect(unsafeRetryProblem({ match: [{ method: { exact: 'GET' } }], retries: { attempts: 2, retryOn: '5xx' } }, 'r')).toBeUndefined();
  });
});

test('routeLabel names a route by name, else by position', () => {
  expect(routeLabel({ name: 'canary' }, 0)).toBe("http route 'canary'");
  expect(routeLabel({}, 1)).toBe('http route #2');
});
