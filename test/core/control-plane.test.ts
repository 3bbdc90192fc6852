import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IstioBase } from '../../src/constructs/control-plane/istio-base';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { isControlPlane } from '../../src/core/control-plane';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { FIXTURE_CHARTS } from '../engine/charts/test-helpers';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'control-plane-brand-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));
const tmp = () => renders;

describe('isControlPlane', () => {
  test('recognizes IstioBase and Istiod, not other constructs', () => {
    const chart = new Chart(new App(), 'cp');
    const props = { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: tmp() };
    expect(isControlPlane(new IstioBase(chart, 'base', props))).toBe(true);
    expect(isControlPlane(new Istiod(chart, 'istiod', props))).toBe(true);
    expect(isControlPlane(new Construct(chart, 'other'))).toBe(false);
  });

  test('recognizes a control-plane construct of another copy of the library', () => {
    let Other: typeof Istiod = Istiod;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/constructs/control-plane/istiod') as { Istiod: typeof Istiod }).Istiod;
    });
    const chart = new Chart(new App(), 'cp');
    const istiod = new Other(chart, 'istiod', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: tmp() });
    expect(istiod instanceof Istiod).toBe(false);
    expect(isControlPlane(istiod)).toBe(true);
    expect(Istiod.isIstiod(istiod)).toBe(true);
    expect(IstioBase.isIstioBase(istiod)).toBe(false);
  });
});
