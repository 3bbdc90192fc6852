import { Stage } from '../core/stage';
import { apiGroup, type KubeObject } from '../engine/k8s/object';

/** What the classifier knows beyond the object itself. */
export interface StageContext {
  /** Namespaces the control plane runs in (their Namespace objects and contents belong to the control plane). */
  readonly controlPlaneNamespaces: ReadonlySet<string>;
  /** True when the object was rendered by a control-plane construct (IstioBase, Istiod). */
  readonly fromControlPlane: boolean;
  /** True when the object was rendered by a gateway construct (IngressGateway, EgressGateway). @default false */
  readonly fromGateway?: boolean;
}

/** Picks the stage of an object from its kind, group and namespace. */
export function classifyStage(obj: KubeObject, context: StageContext): Stage {
  const group = apiGroup(obj.apiVersion);
  if (obj.kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') return Stage.crds();
  if (isMeshCustomResource(group)) return Stage.policies();
  if (obj.kind === 'Namespace' && group === '') {
    return context.controlPlaneNamespaces.has(obj.metadata.name ?? '') ? Stage.controlPlane() : Stage.namespaces();
  }
  // Gateway pods are injected (image `auto`): they need istiod's injector, so they follow the control plane even in
  // its namespace (istio/istio#46307).
  if (context.fromGateway) return Stage.workloads();
  const ns = obj.metadata.namespace;
  if (context.fromControlPlane || (ns !== undefined && context.controlPlaneNamespaces.has(ns))) return Stage.controlPlane();
  return Stage.workloads();
}

/** Istio's own API groups (networking.istio.io, security.istio.io, ...) and the Gateway API. */
function isMeshCustomResource(group: string): boolean {
  return group.endsWith('.istio.io') || group === 'gateway.networking.k8s.io';
}
