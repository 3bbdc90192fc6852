import { App, type ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brandControlPlane, type IControlPlane } from '../../src/core/control-plane';
import { type KubeObject } from '../../src/engine/k8s/object';
import { UserError } from '../../src/errors';
import { checkControlPlaneNamespaces, controlPlaneInfo } from '../../src/synth/control-plane';

/** A control-plane construct without a chart to render. */
class FakePlane extends Construct implements IControlPlane {
  static {
    brandControlPlane(FakePlane);
  }
  public readonly namespaceObject: ApiObject | undefined = undefined;
  constructor(
    scope: Construct,
    id: string,
    public readonly namespace: string,
    public readonly createNamespace = true,
  ) {
    super(scope, id);
  }
}

function namespace(name: string): { object: KubeObject } {
  return { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } };
}

describe('controlPlaneInfo', () => {
  test('finds the control-plane constructs by brand, with their namespaces', () => {
    const chart = new Chart(new App(), 'cp');
    const a = new FakePlane(chart, 'a', 'istio-system');
    const b = new FakePlane(new Construct(chart, 'group'), 'b', 'mesh-b');
    new Construct(chart, 'other');
    const info = controlPlaneInfo(chart);
    expect(info.constructs).toEqual([a, b]);
    expect([...info.namespaces]).toEqual(['istio-system', 'mesh-b']);
  });
});

describe('checkControlPlaneNamespaces', () => {
  const chart = new Chart(new App(), 'cp');
  const creating = new FakePlane(chart, 'istiod', 'istio-system');
  const external = new FakePlane(chart, 'remote', 'remote-system', false);

  test('passes when the namespace is among the objects, or declared managed elsewhere', () => {
    expect(() => checkControlPlaneNamespaces([namespace('istio-system')], [creating, external])).not.toThrow();
  });

  test('an app-local namespace without a Namespace object fails in one line naming the constructs and the fixes', () => {
    const other = new FakePlane(chart, 'base', 'istio-system');
    expect(() => checkControlPlaneNamespaces([namespace('shop')], [creating, other, external])).toThrow(UserError);
    expect(() => checkControlPlaneNamespaces([namespace('shop')], [creating, other])).toThrow(
      /^synth failed: control-plane namespace 'istio-system' \(of cp\/istiod, cp\/base\) has no Namespace object in the output: .* set createNamespace: false on cp\/istiod, cp\/base if the namespace is managed elsewhere$/,
    );
  });

  test('an object of another kind with that name does not count', () => {
    const configMap = { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-system', namespace: 'x' } } };
    expect(() => checkControlPlaneNamespaces([configMap], [creating])).toThrow(/namespace 'istio-system'/);
  });
});
