import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { EgressGateway } from '../../../src/constructs/gateways/egress-gateway';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const sources = [ChartSource.localDir(FIXTURE_CHARTS)];

describe('EgressGateway', () => {
  test('defaults: release istio-egressgateway in istio-egress, a ClusterIP Service, pods labelled istio: egressgateway', () => {
    const chart = new Chart(Testing.app(), 'edge');
    const gateway = new EgressGateway(chart, 'Egress', { sources, renderCacheDir: renders });
    expect(gateway.direction).toBe('egress');
    expect([gateway.name, gateway.namespace, gateway.serviceName]).toEqual(['istio-egressgateway', 'istio-egress', 'istio-egressgateway']);
    expect(gateway.podSelector).toEqual({ app: 'istio-egressgateway', istio: 'egressgateway' });
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'Namespace', 'istio-egress')).toBeDefined();
    expect(findObject(objects, 'Service', 'istio-egressgateway').spec.type).toBe('ClusterIP');
  });

  test('the service type can still be chosen', () => {
    const chart = new Chart(Testing.app(), 'edge');
    new EgressGateway(chart, 'Egress', { sources, renderCacheDir: renders, values: { service: { type: 'LoadBalancer' } } });
    expect(findObject(Testing.synth(chart), 'Service', 'istio-egressgateway').spec.type).toBe('LoadBalancer');
  });
});
