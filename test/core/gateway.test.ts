import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { EgressGateway } from '../../src/constructs/gateways/egress-gateway';
import { IngressGateway } from '../../src/constructs/gateways/ingress-gateway';
import { isGatewayRelease, isNamespaceOwner } from '../../src/core/gateway';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { FIXTURE_CHARTS } from '../engine/charts/test-helpers';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-brand-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

describe('isGatewayRelease', () => {
  test('recognizes IngressGateway and EgressGateway, not the control plane or other constructs', () => {
    const chart = new Chart(new App(), 'gw');
    const props = { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders };
    expect(isGatewayRelease(new IngressGateway(chart, 'in', props))).toBe(true);
    expect(isGatewayRelease(new EgressGateway(chart, 'out', props))).toBe(true);
    expect(isGatewayRelease(new Istiod(chart, 'istiod', props))).toBe(false);
    expect(isGatewayRelease(new Construct(chart, 'other'))).toBe(false);
  });

  test('recognizes a gateway of another copy of the library', () => {
    let Other: typeof IngressGateway = IngressGateway;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/constructs/gateways/ingress-gateway') as { IngressGateway: typeof IngressGateway })
        .IngressGateway;
    });
    const chart = new Chart(new App(), 'gw');
    const gateway = new Other(chart, 'in', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders });
    expect(gateway instanceof IngressGateway).toBe(false);
    expect(isGatewayRelease(gateway)).toBe(true);
    expect(IngressGateway.isIngressGateway(gateway)).toBe(true);
    expect(EgressGateway.isEgressGateway(gateway)).toBe(false);
  });
});

describe('isNamespaceOwner', () => {
  test('recognizes the constructs that may create their namespace: control-plane and gateway constructs', () => {
    const chart = new Chart(new App(), 'owners');
    const props = { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders };
    expect(isNamespaceOwner(new IngressGateway(chart, 'in', props))).toBe(true);
    expect(isNamespaceOwner(new Istiod(chart, 'istiod', props))).toBe(true);
    expect(isNamespaceOwner(new Construct(chart, 'other'))).toBe(false);
  });
});
