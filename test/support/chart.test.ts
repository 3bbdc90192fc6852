import { ApiObject, App, Chart } from 'cdk8s';
import { findInChart, validationErrors } from './chart';

describe('chart test helpers', () => {
  test('findInChart finds by kind and name, and throws naming what is missing', () => {
    const chart = new Chart(new App(), 'test');
    new ApiObject(chart, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    new ApiObject(chart, 'B', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } });
    expect(findInChart(chart, 'Secret', 'a').kind).toBe('Secret');
    expect(() => findInChart(chart, 'ConfigMap', 'b')).toThrow('no ConfigMap b in the chart');
  });

  test('validationErrors collects the errors of every construct', () => {
    const app = new App();
    const chart = new Chart(app, 'test');
    chart.node.addValidation({ validate: () => ['bad chart'] });
    new Chart(app, 'other').node.addValidation({ validate: () => ['bad other'] });
    expect(validationErrors(app)).toEqual(['bad chart', 'bad other']);
  });
});
