// Small builders of the objects the gateway analysis rules read, as plain YAML would hold them.
import type { SourcedObject } from '../../src/engine/analysis/rule';

type Obj = Record<string, unknown>;

const wrap = (object: Obj): SourcedObject => ({ object: object as unknown as SourcedObject['object'] });

export const INGRESS_LABELS = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

export function namespace(name: string): SourcedObject {
  return wrap({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** A Deployment shaped like the gateway chart's: the injector's gateway template, pods labeled `labels`. */
export function gatewayDeployment(
  ns = 'istio-ingress',
  labels: Record<string, string> = INGRESS_LABELS,
  name = 'istio-ingressgateway',
): SourcedObject {
  return wrap({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, 'sidecar.istio.io/inject': 'true' }, annotations: { 'inject.istio.io/templates': 'gateway' } },
        spec: { containers: [{ name: 'istio-proxy', image: 'auto' }] },
      },
    },
  });
}

export function deployment(
  name: string,
  ns: string,
  podLabels: Record<string, string>,
  podAnnotations: Record<string, string> = {},
): SourcedObject {
  return wrap({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels, annotations: podAnnotations },
        spec: { containers: [{ name, image: `example/${name}:1` }] },
      },
    },
  });
}

export function service(name: string, ns: string, ports: Obj[], selector: Record<string, string> = { app: name }): SourcedObject {
  return wrap({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports } });
}

export function istioGateway(
  name: string,
  ns: string,
  servers: Obj[],
  selector: Record<string, string> = { istio: 'ingressgateway' },
): SourcedObject {
  return wrap({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name, namespace: ns }, spec: { selector, servers } });
}

export function httpServer(hosts: string[] = ['shop.example.com'], port = 80): Obj {
  return { port: { number: port, name: `http-${port}`, protocol: 'HTTP' }, hosts };
}

export function httpsServer(tls: Obj, hosts: string[] = ['shop.example.com'], port = 443): Obj {
  return { port: { number: port, name: `https-${port}`, protocol: 'HTTPS' }, hosts, tls };
}

export function virtualService(name: string, ns: string, gateways: string[]): SourcedObject {
  return wrap({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    spec: { hosts: ['shop.example.com'], gateways, http: [{ route: [{ destination: { host: 'web' } }] }] },
  });
}

export function k8sGateway(name: string, ns: string, listeners: Obj[], spec: Obj = {}): SourcedObject {
  return wrap({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: ns },
    spec: { gatewayClassName: 'istio', listeners, ...spec },
  });
}

export function httpRoute(name: string, ns: string, parentRefs: Obj[], backendRefs: Obj[] = [], extra: Obj = {}): SourcedObject {
  return wrap({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns },
    spec: { parentRefs, rules: [{ backendRefs, ...extra }] },
  });
}

export function secret(name: string, ns: string, stringData: Record<string, string>): SourcedObject {
  return wrap({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type: 'kubernetes.io/tls', stringData });
}

export function object(apiVersion: string, kind: string, name: string, ns: string, spec: Obj = {}, extra: Obj = {}): SourcedObject {
  return wrap({ apiVersion, kind, metadata: { name, namespace: ns }, spec, ...extra });
}
