import { App, Chart } from 'cdk8s';
import { DestinationRule } from '../../../src/constructs/policies/destination-rule';
import { IstioDuration } from '../../../src/model/traffic/duration';
import { ClientTls, LoadBalancer } from '../../../src/model/traffic/traffic-values';
import { at } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}

describe('DestinationRule', () => {
  test('emits subsets, load balancing, circuit breaking and ISTIO_MUTUAL by default', () => {
    const { app, chart } = setup();
    new DestinationRule(chart, 'Reviews', {
      host: 'reviews.shop.svc.cluster.local',
      loadBalancer: LoadBalancer.roundRobin(),
      connectionPool: { maxConnections: 100, http1MaxPendingRequests: 10, connectTimeout: IstioDuration.millis(500) },
      outlierDetection: {
        consecutive5xxErrors: 5,
        interval: IstioDuration.seconds(10),
        baseEjectionTime: IstioDuration.seconds(30),
        maxEjectionPercent: 50,
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' }, loadBalancer: LoadBalancer.random() },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const dr = findInChart(chart, 'DestinationRule', 'reviews');
    expect(dr.apiVersion).toBe('networking.istio.io/v1');
    expect(dr.metadata.namespace).toBe('shop');
    expect(at(dr, 'spec', 'trafficPolicy')).toEqual({
      loadBalancer: { simple: 'ROUND_ROBIN' },
      connectionPool: { tcp: { maxConnections: 100, connectTimeout: '500ms' }, http: { http1MaxPendingRequests: 10 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
      tls: { mode: 'ISTIO_MUTUAL' },
    });
    expect(at(dr, 'spec', 'subsets')).toEqual([
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
    ]);
  });

  test('addSubset appends a subset and an explicit tls mode replaces the default', () => {
    const { chart } = setup();
    const dr = new DestinationRule(chart, 'Ext', {
      host: 'api.example.com',
      name: 'external-api',
      tls: ClientTls.simple({ sni: 'api.example.com' }),
    });
    dr.addSubset({ name: 'eu', labels: { region: 'eu' } });
    const spec = findInChart(chart, 'DestinationRule', 'external-api').spec;
    expect(at(spec, 'trafficPolicy', 'tls')).toEqual({ mode: 'SIMPLE', sni: 'api.example.com' });
    expect(at(spec, 'subsets')).toEqual([{ name: 'eu', labels: { region: 'eu' } }]);
  });

  test('leaves TLS unset for a host outside the cluster', () => {
    const { chart } = setup();
    new DestinationRule(chart, 'Ext', {
      host: 'api.example.com',
      name: 'external-api',
      subsets: [{ name: 'eu', labels: { region: 'eu' } }],
    });
    expect(findInChart(chart, 'DestinationRule', 'external-api').spec).toEqual({
      host: 'api.example.com',
      subsets: [{ name: 'eu', labels: { region: 'eu' } }],
    });
  });

  test('fails on out-of-range limits, naming value and range', () => {
    const { app, chart } = setup();
    new DestinationRule(chart, 'Bad', {
      host: 'reviews',
      connectionPool: { maxConnections: 0 },
      outlierDetection: { maxEjectionPercent: 150 },
    });
    expect(validationErrors(app)).toEqual([
      'traffic policy maxConnections 0 is out of range: use a whole number from 1 to 2147483647',
      'traffic policy maxEjectionPercent 150 is out of range: use a percentage from 0 to 100',
    ]);
  });

  test('fails on subsets without labels, duplicates and bad names', () => {
    const { app, chart } = setup();
    new DestinationRule(chart, 'Bad', {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: {} },
        { name: 'V_2', labels: { version: 'v2' } },
        { name: 'V_2', labels: { version: 'v2' } },
      ],
    });
    const problems = validationErrors(app);
    expect(problems).toContainEqual(expect.stringMatching(/subset 'v1' has no labels and would select every endpoint/));
    expect(problems).toContainEqual(expect.stringMatching(/subset 'V_2' is not a valid name/));
    expect(problems).toContainEqual(expect.stringMatching(/subset 'V_2' is defined twice/));
  });

  test('fails when two subsets select the same pods', () => {
    const { app, chart } = setup();
    new DestinationRule(chart, 'Twins', {
      host: 'reviews',
      subsets: [
        { name: 'blue', labels: { app: 'reviews' } },
        { name: 'green', labels: { app: 'reviews' } },
      ],
    });
    expect(validationErrors(app)).toEqual([
      "subset 'green' has the same labels as subset 'blue', so both select the same pods: add a label that tells them apart, e.g. version",
    ]);
  });

  test('fails when the host gives no object name and none is set', () => {
    const { app, chart } = setup();
    new DestinationRule(chart, 'Wild', { host: '*.example.com' });
    expect(validationErrors(app)).toEqual(["host '*.example.com' gives no valid object name: set `name` explicitly"]);
  });
});
