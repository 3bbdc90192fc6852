import { App, Chart } from 'cdk8s';
import { VirtualService } from '../../../src/constructs/policies/virtual-service';
import { IstioDuration } from '../../../src/model/traffic/duration';
import { StringMatch } from '../../../src/model/traffic/string-match';
import { RetryOn } from '../../../src/model/traffic/traffic-values';
import { at, list } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}

const HOST = 'reviews.shop.svc.cluster.local';

describe('VirtualService', () => {
  test('emits matches, weighted destinations, retries, timeout, fault, mirror and rewrite', () => {
    const { app, chart } = setup();
    new VirtualService(chart, 'Reviews', {
      hosts: [HOST],
      http: [
        {
          name: 'beta',
          match: [
            {
              uri: StringMatch.prefix('/api'),
              headers: { 'x-group': StringMatch.exact('beta') },
              queryParams: { debug: StringMatch.exact('1') },
            },
          ],
          destinations: [{ host: HOST, subset: 'v2', port: 9080 }],
          rewrite: { uri: '/' },
          fault: { delay: { fixedDelay: IstioDuration.seconds(2), percentage: 10 }, abort: { httpStatus: 503, percentage: 5 } },
        },
        {
          name: 'split',
          destinations: [
            { host: HOST, subset: 'v1', weight: 90 },
            { host: HOST, subset: 'v2', weight: 10 },
          ],
          timeout: IstioDuration.seconds(6),
          retries: { attempts: 3, perTryTimeout: IstioDuration.seconds(2), retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE] },
          mirror: { host: 'reviews-shadow', percentage: 25 },
        },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const vs = findInChart(chart, 'VirtualService', 'reviews');
    expect(vs.apiVersion).toBe('networking.istio.io/v1');
    expect(at(vs, 'spec', 'hosts')).toEqual([HOST]);
    const beta = list(vs, 'spec', 'http').find((r) => r.name === 'beta');
    expect(beta?.match).toEqual([
      { uri: { prefix: '/api' }, headers: { 'x-group': { exact: 'beta' } }, queryParams: { debug: { exact: '1' } } },
    ]);
    expect(beta?.route).toEqual([{ destination: { host: HOST, subset: 'v2', port: { number: 9080 } } }]);
    expect(beta?.fault).toEqual({
      delay: { fixedDelay: '2s', percentage: { value: 10 } },
      abort: { httpStatus: 503, percentage: { value: 5 } },
    });
    expect(beta?.rewrite).toEqual({ uri: '/' });
    const split = list(vs, 'spec', 'http').find((r) => r.name === 'split');
    expect(list(split, 'route').map((d) => d.weight)).toEqual([90, 10]);
    expect(split?.retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure' });
    expect(split?.timeout).toBe('6s');
    expect(split?.mirror).toEqual({ host: 'reviews-shadow' });
    expect(split?.mirrorPercentage).toEqual({ value: 25 });
  });

  test('addHttpRoute appends after the routes given in props', () => {
    const { chart } = setup();
    const vs = new VirtualService(chart, 'Reviews', { hosts: [HOST], http: [{ name: 'first', destinations: [{ host: HOST }] }] });
    vs.addHttpRoute({ name: 'second', destinations: [{ host: HOST }] });
    expect(list(findInChart(chart, 'VirtualService', 'reviews'), 'spec', 'http').map((r) => r.name)).toEqual(['first', 'second']);
  });

  test('fails when weights do not add up to 100', () => {
    const { app, chart } = setup();
    new VirtualService(chart, 'Bad', {
      hosts: [HOST],
      http: [
        {
          name: 'split',
          destinations: [
            { host: HOST, subset: 'v1', weight: 80 },
            { host: HOST, subset: 'v2', weight: 10 },
          ],
        },
      ],
    });
    expect(validationErrors(app)).toEqual([
      "http route 'split' destination weights sum to 90 (80 + 10): they must add up to 100; adjust the weights",
    ]);
  });

  test('fails when retries outlast the route timeout', () => {
    const { app, chart } = setup();
    new VirtualService(chart, 'Bad', {
      hosts: [HOST],
      http: [
        {
          destinations: [{ host: HOST }],
          timeout: IstioDuration.seconds(3),
          retries: { attempts: 3, perTryTimeout: IstioDuration.seconds(2) },
        },
      ],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^http route #1 retries 3 x perTryTimeout 2s = 6000ms exceed the route timeout 3s/),
    ]);
  });

  test('fails on bad fault percentages, status, ports and empty routes', () => {
    const { app, chart } = setup();
    new VirtualService(chart, 'Bad', {
      hosts: [HOST],
      http: [
        { name: 'a', destinations: [{ host: HOST, port: 70000 }], fault: { abort: { httpStatus: 99, percentage: 120 } } },
        { name: 'b', destinations: [], fault: {} },
      ],
    });
    expect(validationErrors(app)).toEqual([
      "http route 'a' port 70000 is out of range: use a port number from 1 to 65535",
      "http route 'a' fault abort percentage 120 is out of range: use a percentage from 0 to 100",
      "http route 'a' fault abort httpStatus 99 is out of range: use a whole number from 200 to 599",
      "http route 'b' has no destinations: give at least one, e.g. { host: 'reviews' }",
      "http route 'b' fault injects nothing: give a delay, an abort, or both",
    ]);
  });
});
