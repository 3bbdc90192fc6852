import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addApiObjects, renderOrRecord } from '../../../src/constructs/control-plane/rendered-chart';
import { ChartSource } from '../../../src/engine/charts/chart-source';

const obj = (kind: string, name: string, namespace?: string, apiVersion = 'v1') => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('addApiObjects', () => {
  test('ids come from kind and name, then namespace, then apiVersion when they repeat', () => {
    const scope = new Construct(new Chart(Testing.app(), 'c'), 'scope');
    addApiObjects(scope, [
      obj('ConfigMap', 'a', 'x'), obj('ConfigMap', 'a', 'y'),
      obj('Role', 'r', 'x', 'rbac.authorization.k8s.io/v1'), obj('Role', 'r', 'x', 'a.example/v1'), obj('Role', 'r', 'x', 'b.example/v1'),
    ], []);
    expect(scope.node.children.map((c) => c.node.id)).toEqual(['ConfigMap-a', 'ConfigMap-y-a', 'Role-r', 'Role-x-r', 'b.example.v1-Role-x-r']);
  });

  test('records the same object rendered twice as an error and adds it once', () => {
    const scope = new Construct(new Chart(Testing.app(), 'c'), 'scope');
    const errors: string[] = [];
    addApiObjects(scope, [obj('ConfigMap', 'a', 'x'), obj('ConfigMap', 'a', 'x')], errors);
    expect(errors).toEqual([expect.stringContaining('the chart rendered ConfigMap a twice')]);
    expect(scope.node.children).toHaveLength(1);
  });
});

describe('renderOrRecord', () => {
  test('turns a missing chart into a recorded error and no objects', () => {
    const errors: string[] = [];
    const objects = renderOrRecord({ chart: 'base', version: '1.30.3', sources: [ChartSource.localDir('/nonexistent')], release: 'istio-base', namespace: 'istio-system', values: {} }, errors);
    expect(objects).toEqual([]);
    expect(errors).toEqual([expect.stringContaining('istio chart \'base\' version 1.30.3 not found')]);
  });
});
