import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { brandMeshChart, isMeshChart, meshProfileConflicts, meshProfileDefaults, meshProfileErrors } from '../../src/core/mesh-profile';
import { type IstioPlatform } from '../../src/model/values/platform';
import { type IstioProfileName } from '../../src/model/values/base-values';
import { MeshApp } from '../../src/synth/mesh-app';

describe('meshProfileDefaults', () => {
  test("gives the MeshApp's profile and platform as chart values", () => {
    const scope = new Construct(new MeshApp({ profile: 'ambient', platform: 'openshift' }), 'c');
    expect(meshProfileDefaults(scope)).toEqual({ profile: 'ambient', global: { platform: 'openshift' } });
    expect(meshProfileDefaults(new Construct(new MeshApp({ platform: 'gke' }), 'c'))).toEqual({ global: { platform: 'gke' } });
  });

  test('gives nothing outside a MeshApp or when the app decides neither', () => {
    expect(meshProfileDefaults(new Construct(new App(), 'c'))).toBeUndefined();
    expect(meshProfileDefaults(new Construct(new MeshApp(), 'c'))).toBeUndefined();
  });

  test("passes on no unknown profile or platform, so the MeshApp's own error is not repeated once per chart", () => {
    const app = new MeshApp({ profile: 'ambient', platform: 'eks' as IstioPlatform });
    expect(meshProfileDefaults(new Construct(app, 'c'))).toEqual({ profile: 'ambient' });
    const unknownProfile = new MeshApp({ profile: 'default' as IstioProfileName, platform: 'gke' });
    expect(meshProfileDefaults(new Construct(unknownProfile, 'c'))).toEqual({ global: { platform: 'gke' } });
  });
});

describe('meshProfileConflicts', () => {
  const scope = new Construct(new MeshApp({ profile: 'ambient', platform: 'gke' }), 'c');

  test("names each value that contradicts the app's decision, and the fix", () => {
    expect(meshProfileConflicts(scope, { profile: 'demo', global: { platform: 'k3s' } })).toEqual([
      `values.profile is "demo" but the MeshApp's profile is 'ambient': the app decides it once for every chart; remove values.profile here, or change the MeshApp's profile`,
      `values.global.platform is "k3s" but the MeshApp's platform is 'gke': the app decides it once for every chart; remove values.global.platform here, or change the MeshApp's platform`,
    ]);
    expect(meshProfileConflicts(scope, { platform: 'openshift' })[0]).toMatch(/^values\.platform is "openshift"/);
  });

  test('accepts values that agree, and anything outside a MeshApp', () => {
    expect(meshProfileConflicts(scope, { profile: 'ambient', global: { platform: 'gke' } })).toEqual([]);
    expect(meshProfileConflicts(new Construct(new App(), 'c'), { profile: 'demo' })).toEqual([]);
    expect(meshProfileConflicts(new Construct(new MeshApp(), 'c'), { profile: 'demo' })).toEqual([]);
  });
});

describe('meshProfileErrors', () => {
  test('a platform the charts do not know is an error listing the valid ones', () => {
    expect(meshProfileErrors(undefined, 'eks')).toEqual([
      'MeshApp platform "eks" is not a platform the charts know: use one of gke, k3d, k3s, microk8s, minikube, openshift, ' +
        'or leave it unset for a cluster with standard CNI paths (EKS, AKS and most others)',
    ]);
    expect(meshProfileErrors('sidecar', undefined)).toEqual([
      'MeshApp profile "sidecar" is not a profile the charts ship: use one of ambient, demo, preview, remote, stable',
    ]);
    expect(meshProfileErrors('ambient' satisfies IstioProfileName, 'gke' satisfies IstioPlatform)).toEqual([]);
  });

  test('MeshApp reports them at synth with its other validation errors', () => {
    const app = new MeshApp({ platform: 'eks' as IstioPlatform });
    expect(() => app.synthFiles()).toThrow(/MeshApp platform "eks" is not a platform the charts know/);
  });
});

describe('isMeshChart', () => {
  test('recognizes branded classes only', () => {
    class Chartish extends Construct {
      public readonly chartName = 'x';
      public readonly namespace = 'ns';
      public readonly values = {};
    }
    brandMeshChart(Chartish);
    expect(isMeshChart(new Chartish(new App(), 'a'))).toBe(true);
    expect(isMeshChart(new Construct(new App(), 'b'))).toBe(false);
  });
});
