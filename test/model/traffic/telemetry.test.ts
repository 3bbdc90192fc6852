import { IstioMetric, TagOverride, WorkloadMode } from '../../../src/model/traffic/telemetry';

describe('telemetry values', () => {
  test('metrics match standard and custom metrics', () => {
    expect(IstioMetric.REQUEST_COUNT.match).toEqual({ metric: 'REQUEST_COUNT' });
    expect(IstioMetric.custom('my_metric').match).toEqual({ customMetric: 'my_metric' });
    expect(WorkloadMode.SERVER.name).toBe('SERVER');
  });

  test('tag overrides upsert an expression or remove the tag', () => {
    expect(TagOverride.upsert('request.host').spec).toEqual({ operation: 'UPSERT', value: 'request.host' });
    expect(TagOverride.remove().spec).toEqual({ operation: 'REMOVE' });
    expect(() => TagOverride.upsert('')).toThrow(/tag value '' is empty/);
    expect(() => IstioMetric.custom('')).toThrow(/custom metric name '' is empty/);
  });
});
