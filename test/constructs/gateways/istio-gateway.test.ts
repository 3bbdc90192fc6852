import { ApiObject, App, Chart } from 'cdk8s';
import { IstioGateway } from '../../../src/constructs/gateways/istio-gateway';
import { VirtualService } from '../../../src/constructs/policies/virtual-service';
import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { virtualServiceHostNotInGateway } from '../../../src/engine/analysis/rules/gateways/vs-host-not-in-gateway';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { ServerTls } from '../../../src/model/traffic/gateway';
import { crdSuiteName, crdValidator, ISTIO_CRDS, schemaIssues } from '../../support/crds';
import { FakeGatewayDeployment } from '../../support/gateways';
import { at, list } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  const chart = new Chart(app, 'test', { namespace: 'web' });
  const ingress = new FakeGatewayDeployment(chart, 'Ingress', 'ingress', 'istio-ingressgateway', 'istio-ingress');
  return { app, chart, ingress };
}

describe('IstioGateway', () => {
  test('selects the gateway deployment by reference and renders servers with TLS and redirects', () => {
    const { app, chart, ingress } = setup();
    new IstioGateway(chart, 'Gw', {
      name: 'shop',
      gateway: ingress,
      servers: [
        { port: 80, protocol: 'HTTP', hosts: ['shop.example.com'], tls: ServerTls.httpsRedirect() },
        {
          port: 443,
          protocol: 'HTTPS',
          hosts: ['web/shop.example.com'],
          tls: ServerTls.simple('shop-cert', { minProtocolVersion: 'TLSV1_2' }),
        },
        { port: 8443, protocol: 'TLS', hosts: ['*.internal.example.com'], tls: ServerTls.passthrough() },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const gw = findInChart(chart, 'Gateway', 'shop');
    expect(gw.apiVersion).toBe('networking.istio.io/v1');
    expect(gw.metadata.namespace).toBe('web');
    expect(at(gw, 'spec', 'selector')).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    const servers = list(gw, 'spec', 'servers');
    const byPort = (n: number) => servers.find((s) => at(s, 'port', 'number') === n);
    expect(byPort(80)).toEqual({
      port: { number: 80, name: 'http-80', protocol: 'HTTP' },
      hosts: ['shop.example.com'],
      tls: { httpsRedirect: true },
    });
    expect(at(byPort(443), 'tls')).toEqual({ mode: 'SIMPLE', credentialName: 'shop-cert', minProtocolVersion: 'TLSV1_2' });
    expect(at(byPort(8443), 'tls')).toEqual({ mode: 'PASSTHROUGH' });
  });

  test('takes its name from the gateway deployment by default and an explicit selector as the escape hatch', () => {
    const { app, chart, ingress } = setup();
    new IstioGateway(chart, 'ByRef', { gateway: ingress, servers: [{ port: 80, protocol: 'HTTP', hosts: ['*'] }] });
    new IstioGateway(chart, 'ByLabels', {
      name: 'other',
      selector: { istio: 'other' },
      servers: [{ port: 80, protocol: 'HTTP', hosts: ['*'] }],
    });
    expect(validationErrors(app)).toEqual([]);
    expect(at(findInChart(chart, 'Gateway', 'istio-ingressgateway'), 'spec', 'selector', 'istio')).toBe('ingressgateway');
    expect(at(findInChart(chart, 'Gateway', 'other'), 'spec', 'selector')).toEqual({ istio: 'other' });
  });

  test('fails without a selector, with both a gateway and a selector, and without servers', () => {
    const { app, chart, ingress } = setup();
    new IstioGateway(chart, 'None', { name: 'none', servers: [{ port: 80, protocol: 'HTTP', hosts: ['*'] }] });
    new IstioGateway(chart, 'Both', { name: 'both', gateway: ingress, selector: { istio: 'x' } });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^gateway selects no pods: pass `gateway`/),
      expect.stringMatching(/^gateway and selector are both set/),
      expect.stringMatching(/^gateway has no servers/),
    ]);
  });

  test('fails on HTTPS without tls, tls on plain TCP, bad hosts, passthrough on HTTPS and a reused port name', () => {
    const { app, chart, ingress } = setup();
    new IstioGateway(chart, 'Bad', {
      name: 'bad',
      gateway: ingress,
      servers: [
        { port: 443, protocol: 'HTTPS', hosts: ['a.example.com'] },
        { port: 9000, protocol: 'TCP', hosts: ['b.example.com'], tls: ServerTls.simple('x') },
        { port: 80, protocol: 'HTTP', hosts: ['Bad_Ns/x.example.com', 'http://x'] },
        { port: 8443, protocol: 'HTTPS', hosts: ['c.example.com'], tls: ServerTls.passthrough() },
        { port: 81, portName: 'http-80', protocol: 'HTTP', hosts: ['d.example.com'] },
      ],
    });
    const found = validationErrors(app);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server https-443 \(#1\) uses protocol HTTPS without tls settings/),
        expect.stringMatching(/^server tcp-9000 \(#2\) uses plain-text protocol TCP with tls settings/),
        expect.stringMatching(/^server http-80 \(#3\) host 'Bad_Ns\/x.example.com' is not valid/),
        expect.stringMatching(/^server http-80 \(#3\) host 'http:\/\/x' is not valid/),
        expect.stringMatching(/^server https-8443 \(#4\) passes TLS through but declares protocol HTTPS/),
        expect.stringMatching(/^server http-80 \(#5\) reuses port name 'http-80' of server #3/),
      ]),
    );
    expect(found).toHaveLength(6);
  });

  test('a VirtualService bound to it by reference names it <namespace>/<name> and must share a host', () => {
    const { app, chart, ingress } = setup();
    const gw = new IstioGateway(chart, 'Gw', {
      name: 'shop',
      namespace: 'istio-ingress',
      gateway: ingress,
      servers: [{ port: 80, protocol: 'HTTP', hosts: ['shop.example.com'] }],
    });
    new VirtualService(chart, 'Vs', {
      name: 'shop',
      hosts: ['shop.example.com'],
      gateways: [gw, 'mesh'],
      http: [{ destinations: [{ host: 'shop' }] }],
    });
    expect(validationErrors(app)).toEqual([]);
    expect(at(findInChart(chart, 'VirtualService', 'shop'), 'spec', 'gateways')).toEqual(['istio-ingress/shop', 'mesh']);
    new VirtualService(chart, 'Elsewhere', {
      name: 'other',
      hosts: ['other.example.com'],
      gateways: [gw],
      http: [{ destinations: [{ host: 'other' }] }],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(
        /^hosts other.example.com match no host that gateway 'istio-ingress\/shop' accepts from namespace 'web' \(shop.example.com; .*\): add one of the hosts to a server of the gateway/,
      ),
    ]);
  });

  test('a bound VirtualService must be in a namespace its host is offered to (./host, ns/host), as IST0132 judges', () => {
    const { app, chart, ingress } = setup();
    const gw = new IstioGateway(chart, 'Gw', {
      name: 'shop',
      namespace: 'istio-ingress',
      gateway: ingress,
      servers: [{ port: 80, protocol: 'HTTP', hosts: ['blog/shop.example.com', './admin.example.com'] }],
    });
    // The host matches once its namespace part is ignored, which the check used to do.
    new VirtualService(chart, 'Vs', {
      name: 'shop',
      hosts: ['shop.example.com'],
      gateways: [gw],
      http: [{ destinations: [{ host: 'shop' }] }],
    });
    new VirtualService(chart, 'Blog', {
      name: 'blog',
      namespace: 'blog',
      hosts: ['shop.example.com'],
      gateways: [gw],
      http: [{ destinations: [{ host: 'blog' }] }],
    });
    new VirtualService(chart, 'Admin', {
      name: 'admin',
      namespace: 'istio-ingress',
      hosts: ['admin.example.com'],
      gateways: [gw],
      http: [{ destinations: [{ host: 'admin' }] }],
    });
    const errors = validationErrors(app);
    expect(errors).toEqual([
      expect.stringMatching(
        /^hosts shop.example.com match no host that gateway 'istio-ingress\/shop' accepts from namespace 'web' \(none; its servers have blog\/shop.example.com, .\/admin.example.com\): .* or 'web\/host'/,
      ),
    ]);
    // The analysis reads the same objects (rendered one by one: the chart refuses to synth while invalid).
    const objects = app.node.findAll().filter(ApiObject.isApiObject);
    const findings = virtualServiceHostNotInGateway.check(new ObjectIndex(objects.map((o) => ({ object: o.toJson() as KubeObject }))));
    expect(findings.map((f) => f.objects[0].name)).toEqual(['shop']);
  });
});

const validator = crdValidator(ISTIO_CRDS, ['gateways.networking.istio.io']);
(validator ? describe : describe.skip)(crdSuiteName('IstioGateway against the Istio 1.30.3 CRD', ISTIO_CRDS), () => {
  test('a Gateway using every TLS mode and field we write is valid', () => {
    const { chart, ingress } = setup();
    new IstioGateway(chart, 'Gw', {
      name: 'all',
      gateway: ingress,
      servers: [
        { port: 80, protocol: 'HTTP', hosts: ['*'], tls: ServerTls.httpsRedirect(), name: 'redirect', bind: '0.0.0.0' },
        {
          port: 443,
          protocol: 'HTTPS',
          hosts: ['./a.example.com'],
          tls: ServerTls.mutual('a-cert', {
            subjectAltNames: ['spiffe://x'],
            cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],
            maxProtocolVersion: 'TLSV1_3',
          }),
        },
        {
          port: 444,
          protocol: 'HTTPS',
          hosts: ['b.example.com'],
          tls: ServerTls.mounted('SIMPLE', { serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key' }),
        },
        { port: 15443, protocol: 'TLS', hosts: ['*.local'], tls: ServerTls.autoPassthrough() },
        { port: 15012, protocol: 'TLS', hosts: ['*'], tls: ServerTls.istioMutual() },
      ],
    });
    expect(schemaIssues(validator!, chart.toJson() as KubeObject[])).toEqual([]);
  });

  test('the check can fail: a misspelled TLS mode is reported', () => {
    const bad = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'x' },
      spec: { servers: [{ port: { number: 1, name: 'a', protocol: 'TLS' }, hosts: ['*'], tls: { mode: 'SIMPEL' } }] },
    };
    expect(validator!.validate(bad)).not.toEqual([]);
  });
});
