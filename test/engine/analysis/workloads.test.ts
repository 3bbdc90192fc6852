import { stringMap, toWorkload } from '../../../src/engine/analysis/workloads';
import { deployment } from './fixtures';

describe('toWorkload', () => {
  test('reads containers then init containers, keeping only ports with a numeric containerPort', () => {
    const object = deployment('api', 'shop', {
      containers: [{ name: 'api', image: 'i', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 'x' }, 'junk'] }],
      podSpec: { initContainers: [{ name: 'istio-proxy', securityContext: { runAsUser: 1337 } }] },
    });
    const workload = toWorkload({ object });
    expect(workload?.containers).toEqual([
      { name: 'api', image: 'i', ports: [{ containerPort: 8080, name: 'http' }], init: false },
      { name: 'istio-proxy', ports: [], securityContext: { runAsUser: 1337 }, init: true },
    ]);
    expect(workload?.hasProxy).toBe(true);
    expect(workload?.namespace).toBe('shop');
  });

  test('ignores a pod-running kind of another API group, and objects without a pod template', () => {
    expect(toWorkload({ object: { ...deployment('a', 'shop'), apiVersion: 'example.com/v1' } })).toBeUndefined();
    expect(toWorkload({ object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: {} } })).toBeUndefined();
    expect(toWorkload({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } })).toBeUndefined();
  });
});

test('stringMap keeps set values as strings and drops null ones', () => {
  expect(stringMap({ a: 1, b: true, c: null, d: 'x' })).toEqual({ a: '1', b: 'true', d: 'x' });
  expect(stringMap('not a map')).toEqual({});
});
