import { App, Chart } from 'cdk8s';
import { KubernetesGateway } from '../../../src/constructs/gateway-api/kubernetes-gateway';
import { routeKindsOf } from '../../../src/model/traffic/route-attachment';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { crdSuiteName, crdValidator, GATEWAY_API_CRDS, schemaIssues } from '../../support/crds';
import { at, list } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'edge' }) };
}

describe('KubernetesGateway', () => {
  test('renders class istio, listeners with hostnames, TLS certificates and allowed routes', () => {
    const { app, chart } = setup();
    new KubernetesGateway(chart, 'Gw', {
      name: 'public',
      listeners: [
        { port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { from: 'All' } },
        { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificates: [{ name: 'shop-cert' }] } },
        { port: 8443, protocol: 'TLS', tls: {}, allowedRoutes: { from: 'Selector', selector: { team: 'shop' } } },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const gw = findInChart(chart, 'Gateway', 'public');
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(at(gw, 'spec', 'gatewayClassName')).toBe('istio');
    const listener = (name: string) => list(gw, 'spec', 'listeners').find((l) => l.name === name);
    expect(listener('http-80')).toEqual({
      name: 'http-80',
      hostname: '*.example.com',
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'All' } },
    });
    expect(at(listener('https'), 'tls')).toEqual({
      mode: 'Terminate',
      certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-cert' }],
    });
    expect(at(listener('tls-8443'), 'tls')).toEqual({ mode: 'Passthrough' });
    expect(at(listener('tls-8443'), 'allowedRoutes', 'namespaces', 'selector')).toEqual({ matchLabels: { team: 'shop' } });
    expect((chart.toJson() as KubeObject[]).filter((o) => o.kind === 'ReferenceGrant')).toEqual([]);
  });

  test('a certificate in another namespace gets a ReferenceGrant there, or an error when grants are off', () => {
    const { app, chart } = setup();
    new KubernetesGateway(chart, 'Gw', {
      name: 'public',
      listeners: [{ port: 443, protocol: 'HTTPS', tls: { certificates: [{ name: 'wild', namespace: 'certs' }] } }],
    });
    expect(validationErrors(app)).toEqual([]);
    const grant = findInChart(chart, 'ReferenceGrant', 'gateway-edge-public');
    expect(grant.metadata.namespace).toBe('certs');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'edge' }],
      to: [{ group: '', kind: 'Secret', name: 'wild' }],
    });
    new KubernetesGateway(chart, 'NoGrants', {
      name: 'private',
      referenceGrants: false,
      listeners: [{ port: 443, protocol: 'HTTPS', tls: { certificates: [{ name: 'wild', namespace: 'certs' }] } }],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^Secret 'certs\/wild' is in another namespace and needs a ReferenceGrant there allowing Gateway from 'edge'/),
    ]);
  });

  test('fails on the Gateway API listener rules', () => {
    const { app, chart } = setup();
    new KubernetesGateway(chart, 'Bad', {
      name: 'bad',
      listeners: [
        { port: 443, protocol: 'HTTPS' },
        { port: 80, protocol: 'HTTP', tls: { certificates: [{ name: 'x' }] } },
        { port: 9000, protocol: 'TCP', hostname: 'a.example.com' },
        { name: 'dup', port: 81, protocol: 'HTTP', hostname: '10.0.0.1' },
        { name: 'dup', port: 82, protocol: 'HTTP', allowedRoutes: { from: 'Selector' } },
        { port: 8443, protocol: 'TLS', tls: { mode: 'Terminate' } },
      ],
    });
    const found = validationErrors(app);
    expect(found).toEqual([
      expect.stringMatching(/^listener 'https-443' is HTTPS without tls/),
      expect.stringMatching(/^listener 'http-80' is HTTP and cannot have tls/),
      expect.stringMatching(/^listener 'tcp-9000' is TCP and cannot have a hostname/),
      expect.stringMatching(/^listener 'dup' hostname '10.0.0.1' is not a valid hostname/),
      expect.stringMatching(/^listener 'dup' is defined twice/),
      expect.stringMatching(/^listener 'dup' allowedRoutes from 'Selector' has no selector/),
      expect.stringMatching(/^listener 'tls-8443' terminates tls without certificates/),
    ]);
  });

  test('allowedRoutes.kinds renders the kinds, alone or with namespaces, and routes of other kinds do not attach', () => {
    const { app, chart } = setup();
    const gw = new KubernetesGateway(chart, 'Gw', {
      name: 'kinds',
      listeners: [
        { name: 'grpc', port: 80, protocol: 'HTTP', allowedRoutes: { kinds: ['GRPCRoute'] } },
        { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { from: 'All', kinds: ['TCPRoute'] } },
        { name: 'any', port: 81, protocol: 'HTTP', allowedRoutes: { kinds: [] } },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const listener = (name: string) => list(findInChart(chart, 'Gateway', 'kinds'), 'spec', 'listeners').find((l) => l.name === name);
    expect(at(listener('grpc'), 'allowedRoutes')).toEqual({ kinds: [{ kind: 'GRPCRoute' }] });
    expect(at(listener('tcp'), 'allowedRoutes')).toEqual({ namespaces: { from: 'All' }, kinds: [{ kind: 'TCPRoute' }] });
    expect(listener('any')).not.toHaveProperty('allowedRoutes');
    const grpc = gw.listenerSpecs().find((l) => l.name === 'grpc')!;
    expect(routeKindsOf(grpc)?.map((k) => k.kind)).toEqual(['GRPCRoute']);
  });

  test('fails on a kind the listener protocol does not carry, and on a kind istio does not support', () => {
    const { app, chart } = setup();
    new KubernetesGateway(chart, 'Gw', {
      name: 'kinds',
      listeners: [
        { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { kinds: ['TCPRoute', 'HTTPRoute'] } },
        { name: 'pass', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { kinds: ['TCPRoute'] } },
        { name: 'udp', port: 53, protocol: 'UDP', allowedRoutes: { kinds: ['UDPRoute' as 'TCPRoute'] } },
      ],
    });
    expect(validationErrors(app)).toEqual([
      "listener 'tcp' (TCP) does not carry HTTPRoute, which istio then marks an invalid route kind: list only TCPRoute in allowedRoutes.kinds, or use a listener of protocol HTTP or HTTPS",
      "listener 'pass' (TLS) does not carry TCPRoute, which istio then marks an invalid route kind: list only TLSRoute in allowedRoutes.kinds, or use a listener of protocol TCP, or TLS in mode Terminate",
      "listener 'udp' allowedRoutes kind 'UDPRoute' is not a route kind istio supports: use HTTPRoute, GRPCRoute, TLSRoute, TCPRoute",
    ]);
  });

  test('fails without listeners; fromName gives a reference without listeners', () => {
    const { app, chart } = setup();
    new KubernetesGateway(chart, 'Empty', { name: 'empty', listeners: [] });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^gateway has no listeners/)]);
    const outside = KubernetesGateway.fromName('shared', 'infra');
    expect([outside.gatewayName, outside.namespace, outside.listenerSpecs()]).toEqual(['shared', 'infra', undefined]);
  });
});

const validator = crdValidator(GATEWAY_API_CRDS, ['gateways.gateway.networking.k8s.io', 'referencegrants.gateway.networking.k8s.io']);
(validator ? describe : describe.skip)(crdSuiteName('KubernetesGateway against the Gateway API v1.5.1 CRDs', GATEWAY_API_CRDS), () => {
  test('a Gateway and its ReferenceGrant using every field we write are valid', () => {
    const { chart } = setup();
    new KubernetesGateway(chart, 'Gw', {
      name: 'all',
      gatewayClassName: 'istio',
      infrastructure: { labels: { team: 'edge' }, annotations: { 'networking.example.com/lb': 'internal' } },
      listeners: [
        { port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { from: 'Selector', selector: { team: 'shop' } } },
        {
          port: 443,
          protocol: 'HTTPS',
          hostname: 'a.example.com',
          tls: { mode: 'Terminate', certificates: [{ name: 'c', namespace: 'certs' }] },
        },
        { port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
        { port: 9000, protocol: 'TCP', allowedRoutes: { from: 'Same', kinds: ['TCPRoute'] } },
        { port: 81, protocol: 'HTTP', allowedRoutes: { kinds: ['HTTPRoute', 'GRPCRoute'] } },
      ],
    });
    expect(schemaIssues(validator!, chart.toJson() as KubeObject[])).toEqual([]);
  });

  test('the check can fail: an unknown allowedRoutes value is reported', () => {
    const bad = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'x' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [{ name: 'a', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Everyone' } } }],
      },
    };
    expect(validator!.validate(bad)).not.toEqual([]);
  });
});
