import { App, ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Stage } from '../../src/core/stage';
import { UserError } from '../../src/errors';

describe('Stage', () => {
  test('stages apply in the order crds, control plane, namespaces, workloads, policies', () => {
    expect(Stage.all().map((s) => s.folder)).toEqual(['00-crds', '10-control-plane', '20-namespaces', '30-workloads', '40-policies']);
    expect(Stage.all().map((s) => s.wave)).toEqual([0, 10, 20, 30, 40]);
  });

  test('factories return the same stage every time, so stages compare by identity', () => {
    expect(Stage.controlPlane()).toBe(Stage.controlPlane());
    expect(Stage.fromName('policies')).toBe(Stage.policies());
  });

  test('an unknown stage name is a user error listing the names', () => {
    expect(() => Stage.fromName('late')).toThrow(UserError);
    expect(() => Stage.fromName('late')).toThrow(/unknown stage 'late': use one of crds, control-plane, namespaces, workloads, policies/);
  });

  test('an assigned stage applies to the construct and everything below it', () => {
    const chart = new Chart(new App(), 'c');
    const group = new Construct(chart, 'group');
    const inner = new ApiObject(group, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cacerts' } });
    const outside = new ApiObject(chart, 'other', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
    Stage.assign(group, Stage.controlPlane());
    expect(Stage.assignedTo(inner)).toBe(Stage.controlPlane());
    expect(Stage.assignedTo(outside)).toBeUndefined();
  });

  test('a later assignment to the same construct replaces the earlier one', () => {
    const chart = new Chart(new App(), 'c');
    const secret = new ApiObject(chart, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cacerts' } });
    Stage.assign(chart, Stage.workloads());
    Stage.assign(chart, Stage.controlPlane());
    expect(Stage.assignedTo(secret)).toBe(Stage.controlPlane());
  });

  test('an assignment made with another copy of the library is seen by this one', () => {
    let other: typeof Stage = Stage;
    jest.isolateModules(() => {
      other = (jest.requireActual('../../src/core/stage') as { Stage: typeof Stage }).Stage;
    });
    expect(other).not.toBe(Stage);
    const chart = new Chart(new App(), 'c');
    const secret = new ApiObject(chart, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cacerts' } });
    other.assign(chart, other.controlPlane());
    expect(Stage.assignedTo(secret)).toBe(Stage.controlPlane());
  });
});
