import { App, ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { UserError } from '../../src/errors';
import { collectObjects, validateApp } from '../../src/synth/collect';

describe('validateApp', () => {
  test('reports every construct error at once with its path', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new Construct(chart, 'a').node.addValidation({ validate: () => ['first problem'] });
    new Construct(chart, 'b').node.addValidation({ validate: () => ['second problem'] });
    expect(() => validateApp(app)).toThrow(UserError);
    expect(() => validateApp(app)).toThrow('synth failed: 2 invalid inputs:\n  [c/a] first problem\n  [c/b] second problem');
  });
});

describe('collectObjects', () => {
  test('resolves lazy values and maps each object to its ApiObject, in dependency order', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const later = new ApiObject(chart, 'later', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'same', namespace: 'a' },
      data: { v: Lazy.any({ produce: () => 'lazy' }) },
    });
    const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'b' } });
    later.addDependency(first);
    const objects = collectObjects(app);
    expect(objects.map((o) => o.constructPath)).toEqual(['c/first', 'c/later']);
    expect(objects[1].object.data).toEqual({ v: 'lazy' });
    expect(objects.every((o) => o.chart === chart)).toBe(true);
  });
});
