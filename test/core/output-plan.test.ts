import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { isMeshApp, isOutputDescriber, meshAppOf } from '../../src/core/output-plan';
import { MeshApp } from '../../src/synth/mesh-app';

describe('isOutputDescriber', () => {
  test('recognizes constructs with describeOutput', () => {
    const c = new Construct(new App(), 'c');
    expect(isOutputDescriber(c)).toBe(false);
    expect(isOutputDescriber(Object.assign(c, { describeOutput: () => undefined }))).toBe(true);
  });
});

describe('meshAppOf', () => {
  test('finds the MeshApp at the root of a construct, and nothing under a plain App', () => {
    const app = new MeshApp();
    const deep = new Construct(new Construct(app, 'a'), 'b');
    expect(meshAppOf(deep)).toBe(app);
    expect(meshAppOf(new Construct(new App(), 'c'))).toBeUndefined();
  });

  test('recognizes a MeshApp of another copy of the library (and of cdk8s), which instanceof does not', () => {
    let Other: typeof MeshApp = MeshApp;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/synth/mesh-app') as { MeshApp: typeof MeshApp }).MeshApp;
    });
    const app = new Other();
    expect(app instanceof MeshApp).toBe(false);
    expect(isMeshApp(app)).toBe(true);
    expect(MeshApp.isMeshApp(app)).toBe(true);
    expect(meshAppOf(new Construct(app, 'c'))).toBe(app);
    expect(isMeshApp(new App())).toBe(false);
    expect(isMeshApp(undefined)).toBe(false);
  });
});
