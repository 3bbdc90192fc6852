import { App, Chart } from 'cdk8s';
import { EgressRoute } from '../../../src/constructs/gateways/egress-route';
import { ServiceEntry } from '../../../src/constructs/policies/service-entry';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { crdSuiteName, crdValidator, ISTIO_CRDS, schemaIssues } from '../../support/crds';
import { FakeGatewayDeployment } from '../../support/gateways';
import { at } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  const chart = new Chart(app, 'test', { namespace: 'shop' });
  const egress = new FakeGatewayDeployment(chart, 'Egress', 'egress', 'istio-egressgateway', 'istio-egress');
  return { app, chart, egress };
}
const EGRESS_HOST = 'istio-egressgateway.istio-egress.svc.cluster.local';

describe('EgressRoute', () => {
  test('TLS (default): ServiceEntry, passthrough Gateway on the egress pods, DestinationRule and SNI routes mesh → gateway → host', () => {
    const { app, chart, egress } = setup();
    new EgressRoute(chart, 'Api', { gateway: egress, host: 'api.example.com' });
    expect(validationErrors(app)).toEqual([]);
    expect(findInChart(chart, 'ServiceEntry', 'api-example-com').spec).toEqual({
      hosts: ['api.example.com'],
      ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
    });
    const gw = findInChart(chart, 'Gateway', 'api-example-com-egress');
    expect(gw.spec).toEqual({
      selector: { app: 'istio-egressgateway', istio: 'egressgateway' },
      servers: [{ port: { number: 443, name: 'tls-443', protocol: 'TLS' }, hosts: ['api.example.com'], tls: { mode: 'PASSTHROUGH' } }],
    });
    expect(findInChart(chart, 'DestinationRule', 'api-example-com-egress').spec).toEqual({
      host: EGRESS_HOST,
      subsets: [{ name: 'api-example-com' }],
    });
    const vs = findInChart(chart, 'VirtualService', 'api-example-com-egress');
    expect(at(vs, 'spec', 'gateways')).toEqual(['shop/api-example-com-egress', 'mesh']);
    expect(at(vs, 'spec', 'tls')).toEqual([
      {
        match: [{ gateways: ['mesh'], port: 443, sniHosts: ['api.example.com'] }],
        route: [{ destination: { host: EGRESS_HOST, subset: 'api-example-com', port: { number: 443 } }, weight: 100 }],
      },
      {
        match: [{ gateways: ['shop/api-example-com-egress'], port: 443, sniHosts: ['api.example.com'] }],
        route: [{ destination: { host: 'api.example.com', port: { number: 443 } }, weight: 100 }],
      },
    ]);
  });

  test('HTTP: plain routes on port 80 with a given ServiceEntry; the gateway server listens on the target port', () => {
    const app = new App();
    const chart = new Chart(app, 'test', { namespace: 'shop' });
    const egress = new FakeGatewayDeployment(chart, 'Egress', 'egress', 'istio-egressgateway', 'istio-egress', [
      { port: 80, targetPort: 8080 },
    ]);
    const se = new ServiceEntry(chart, 'Se', { name: 'cnn', hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: 'HTTP' }] });
    new EgressRoute(chart, 'Cnn', { gateway: egress, host: 'edition.cnn.com', protocol: 'HTTP', serviceEntry: se });
    expect(validationErrors(app)).toEqual([]);
    expect((chart.toJson() as KubeObject[]).filter((o) => o.kind === 'ServiceEntry').map((o) => o.metadata.name)).toEqual(['cnn']);
    expect(at(findInChart(chart, 'Gateway', 'edition-cnn-com-egress'), 'spec', 'servers', 0, 'port')).toEqual({
      number: 8080,
      name: 'http-8080',
      protocol: 'HTTP',
    });
    const http = at(findInChart(chart, 'VirtualService', 'edition-cnn-com-egress'), 'spec', 'http');
    expect(at(http, 0, 'match')).toEqual([{ gateways: ['mesh'], port: 80 }]);
    expect(at(http, 1, 'match')).toEqual([{ gateways: ['shop/edition-cnn-com-egress'], port: 8080 }]);
  });

  test('fails on an ingress gateway, a port its Service lacks, and a ServiceEntry without the host', () => {
    const { app, chart } = setup();
    const ingress = new FakeGatewayDeployment(chart, 'Ingress', 'ingress', 'istio-ingressgateway', 'istio-ingress');
    const se = new ServiceEntry(chart, 'Se', { name: 'other', hosts: ['other.example.com'], ports: [{ number: 8443, protocol: 'TLS' }] });
    new EgressRoute(chart, 'Bad', { gateway: ingress, host: 'api.example.com', port: 8443, serviceEntry: se });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^gateway 'istio-ingressgateway' is an ingress gateway: route external hosts through an EgressGateway/),
      expect.stringMatching(/^port 8443 is not a port of egress gateway service 'istio-ingressgateway' \(it has 80, 443\)/),
      expect.stringMatching(/^serviceEntry 'other' does not list host 'api.example.com'/),
    ]);
  });
});

const validator = crdValidator(ISTIO_CRDS, [
  'gateways.networking.istio.io',
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'serviceentries.networking.istio.io',
]);
(validator ? describe : describe.skip)(crdSuiteName('EgressRoute against the Istio 1.30.3 CRDs', ISTIO_CRDS), () => {
  test('the TLS and HTTP variants are valid', () => {
    const { chart, egress } = setup();
    new EgressRoute(chart, 'Tls', { gateway: egress, host: 'api.example.com' });
    new EgressRoute(chart, 'Http', { gateway: egress, host: 'edition.cnn.com', protocol: 'HTTP' });
    expect(schemaIssues(validator!, chart.toJson() as KubeObject[])).toEqual([]);
  });
});
