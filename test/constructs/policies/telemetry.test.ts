import { App, Chart } from 'cdk8s';
import { Telemetry } from '../../../src/constructs/policies/telemetry';
import { IstioMetric, TagOverride, WorkloadMode } from '../../../src/model/traffic/telemetry';
import { at } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}

describe('Telemetry', () => {
  test('meshDefault puts access logging and tracing sampling in the root namespace', () => {
    const { app, chart } = setup();
    Telemetry.meshDefault(chart, 'Mesh', { accessLogging: { providers: ['envoy'] }, tracing: { samplingPercentage: 10 } });
    expect(validationErrors(app)).toEqual([]);
    const t = findInChart(chart, 'Telemetry', 'mesh-default');
    expect(t.apiVersion).toBe('telemetry.istio.io/v1');
    expect(t.metadata.namespace).toBe('istio-system');
    expect(t.spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }], tracing: [{ randomSamplingPercentage: 10 }] });
  });

  test('a workload Telemetry filters logs and overrides metrics', () => {
    const { chart } = setup();
    new Telemetry(chart, 'Reviews', {
      name: 'reviews',
      selector: { app: 'reviews' },
      accessLogging: { filter: 'response.code >= 400', mode: WorkloadMode.SERVER },
      metrics: {
        overrides: [
          {
            metric: IstioMetric.REQUEST_COUNT,
            tags: { request_host: TagOverride.upsert('request.host'), destination_canonical_revision: TagOverride.remove() },
          },
          { metric: IstioMetric.REQUEST_SIZE, mode: WorkloadMode.CLIENT, disabled: true },
        ],
      },
    });
    const t = findInChart(chart, 'Telemetry', 'reviews');
    expect(t.metadata.namespace).toBe('shop');
    expect(at(t, 'spec', 'selector')).toEqual({ matchLabels: { app: 'reviews' } });
    expect(at(t, 'spec', 'accessLogging')).toEqual([{ filter: { expression: 'response.code >= 400' }, match: { mode: 'SERVER' } }]);
    expect(at(t, 'spec', 'metrics')).toEqual([
      {
        overrides: [
          {
            match: { metric: 'REQUEST_COUNT', mode: 'CLIENT_AND_SERVER' },
            tagOverrides: {
              request_host: { operation: 'UPSERT', value: 'request.host' },
              destination_canonical_revision: { operation: 'REMOVE' },
            },
          },
          { match: { metric: 'REQUEST_SIZE', mode: 'CLIENT' }, disabled: true },
        ],
      },
    ]);
  });

  test('fails on a sampling percentage above 100 and on an empty Telemetry', () => {
    const { app, chart } = setup();
    new Telemetry(chart, 'Bad', { tracing: { samplingPercentage: 150 } });
    new Telemetry(chart, 'Empty', {});
    expect(validationErrors(app)).toEqual([
      'tracing samplingPercentage 150 is out of range: use a percentage from 0 to 100',
      'telemetry configures nothing: set accessLogging, tracing or metrics',
    ]);
  });
});
