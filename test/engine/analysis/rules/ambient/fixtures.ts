// Builders of the Gateway API and security objects the ambient rule tests use.
import { type KubeObject } from '../../../../../src/engine/k8s/object';

/** A waypoint as the Waypoint construct writes it: class istio-waypoint, listener `mesh` on 15008 (HBONE). */
export function gateway(
  name: string,
  ns: string,
  labels: Record<string, string> = {},
  listener: Record<string, unknown> = {},
  className = 'istio-waypoint',
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: ns, labels },
    spec: { gatewayClassName: className, listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE', ...listener }] },
  };
}

/** `object` with extra metadata labels. */
export function labeled(object: KubeObject, labels: Record<string, string>): KubeObject {
  return { ...object, metadata: { ...object.metadata, labels: { ...object.metadata.labels, ...labels } } };
}

export function authorizationPolicy(name: string, ns: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace: ns }, spec };
}

/** A CustomResourceDefinition named `name`, with a bundle-version annotation unless `version` is undefined. */
export function crd(name: string, version?: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, ...(version !== undefined ? { annotations: { 'gateway.networking.k8s.io/bundle-version': version } } : {}) },
    spec: { group: name.slice(name.indexOf('.') + 1), scope: 'Namespaced' },
  };
}
