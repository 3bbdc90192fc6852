import { App, type ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IngressGateway } from '../../src/constructs/gateways/ingress-gateway';
import { brandControlPlane, type IControlPlane } from '../../src/core/control-plane';
import { brandGatewayRelease, type IGatewayRelease } from '../../src/core/gateway';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { type KubeObject } from '../../src/engine/k8s/object';
import { UserError } from '../../src/errors';
import { checkControlPlaneNamespaces, controlPlaneInfo, releaseNamespaceOwners } from '../../src/synth/control-plane';
import { MeshApp } from '../../src/synth/mesh-app';
import { FIXTURE_CHARTS } from '../engine/charts/test-helpers';

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

/** A gateway release without a chart to render. */
class FakeGateway extends Construct implements IGatewayRelease {
  static {
    brandGatewayRelease(FakeGateway);
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

describe('releaseNamespaceOwners', () => {
  test('finds the control-plane and the gateway constructs, nothing else', () => {
    const chart = new Chart(new App(), 'cp');
    const plane = new FakePlane(chart, 'istiod', 'istio-system');
    const gateway = new FakeGateway(chart, 'ingress', 'istio-ingress');
    new Construct(chart, 'other');
    expect(releaseNamespaceOwners(chart)).toEqual([plane, gateway]);
  });
});

describe('checkControlPlaneNamespaces with gateways', () => {
  const chart = new Chart(new App(), 'edge');

  test('a gateway namespace without a Namespace object fails in one line naming the gateway and the fixes', () => {
    const ingress = new FakeGateway(chart, 'ingress', 'istio-ingress');
    expect(() => checkControlPlaneNamespaces([namespace('istio-system')], [ingress])).toThrow(
      /^synth failed: gateway namespace 'istio-ingress' \(of edge\/ingress\) has no Namespace object in the output: .* set createNamespace: false on edge\/ingress if the namespace is managed elsewhere$/,
    );
    expect(() => checkControlPlaneNamespaces([namespace('istio-ingress')], [ingress])).not.toThrow();
    expect(() => checkControlPlaneNamespaces([], [new FakeGateway(chart, 'external', 'edge', false)])).not.toThrow();
  });

  test('a namespace shared by the control plane and a gateway is named a control-plane namespace, with both paths', () => {
    const plane = new FakePlane(chart, 'istiod', 'istio-system');
    const gateway = new FakeGateway(chart, 'system-gateway', 'istio-system');
    expect(() => checkControlPlaneNamespaces([], [plane, gateway])).toThrow(
      /^synth failed: control-plane namespace 'istio-system' \(of edge\/istiod, edge\/system-gateway\)/,
    );
  });

  describe('in a MeshApp synth', () => {
    let renders = '';
    beforeAll(() => {
      renders = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-namespace-'));
    });
    afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

    test('an IngressGateway whose Namespace child was removed fails the synth like a control-plane construct', () => {
      const app = new MeshApp();
      const gateway = new IngressGateway(new Chart(app, 'edge'), 'Ingress', {
        sources: [ChartSource.localDir(FIXTURE_CHARTS)],
        renderCacheDir: renders,
      });
      gateway.node.tryRemoveChild('Namespace');
      expect(() => app.synthFiles()).toThrow(
        new UserError(
          "synth failed: gateway namespace 'istio-ingress' (of edge/Ingress) has no Namespace object in the output: keep the " +
            'Namespace that createNamespace adds, add one, or set createNamespace: false on edge/Ingress if the namespace is managed elsewhere',
        ),
      );
    });
  });
});
