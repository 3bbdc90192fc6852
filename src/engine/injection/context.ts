/** What a template sees for one pod: values, mesh and proxy config, the pod's metadata and spec. */
import { type GoPointer } from '../gotemplate';
import { protoMessage } from './proto-types';
import { proxyInterception } from './proxy-config';
import { goTemplateData } from './template-types';
import { goString, lookup, type Tree, truthy } from './tree';

export interface TemplateInput {
  readonly values: Tree;
  readonly mesh: Tree;
  readonly proxyConfig: Tree;
  readonly meta: Tree;
  readonly spec: Tree;
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly typeMeta: { readonly apiVersion: string; readonly kind: string };
  readonly deployMeta: { readonly name: string; readonly namespace: string };
  /** The control-plane revision ('' for the default one). */
  readonly revision: string;
  readonly nativeSidecars: boolean;
  readonly proxyImage: string;
  readonly proxyUid: number;
  readonly proxyGid: number;
  /** 'localhost' or 'passthrough'. */
  readonly inboundTrafficPolicyMode: string;
}

/** The annotation's value when the pod has it, else the default printed as Go prints it. */
export function annotationOr(input: TemplateInput, name: string, fallback: unknown): string {
  const value = input.annotations[name];
  return value !== undefined ? value : goString(fallback);
}

export function hasAnnotation(input: TemplateInput, name: string): boolean {
  return input.annotations[name] !== undefined;
}

export function value(input: TemplateInput, path: string): unknown {
  return lookup(input.values, path);
}

export function valueTruthy(input: TemplateInput, path: string): boolean {
  return truthy(lookup(input.values, path));
}

/** A values entry as a string, '' when unset. */
export function valueString(input: TemplateInput, path: string): string {
  const v = lookup(input.values, path);
  return v === undefined || v === null ? '' : goString(v);
}

/** Names of the pod's own containers (istio-proxy excluded), in order. */
export function appContainerNames(input: TemplateInput): string[] {
  const containers = Array.isArray(input.spec.containers) ? (input.spec.containers as Tree[]) : [];
  return containers.map((c) => String(c.name ?? '')).filter((n) => n !== 'istio-proxy');
}

/** The interception mode the templates use: the annotation, else the proxy config's. */
export function templateInterceptionMode(input: TemplateInput): string {
  return annotationOr(input, 'sidecar.istio.io/interceptionMode', proxyInterception(input.proxyConfig));
}

/** Whether istio-proxy goes under initContainers: the pod annotation wins over the setting. */
export function usesNativeSidecar(input: TemplateInput): boolean {
  const annotated = input.annotations['sidecar.istio.io/nativeSidecar'];
  return (annotated || String(input.nativeSidecars)) !== 'false';
}

export function proxyMetadata(input: TemplateInput): Record<string, string> {
  const md = input.proxyConfig.proxyMetadata;
  return md && typeof md === 'object' && !Array.isArray(md) ? (md as Record<string, string>) : {};
}

/** Proxy metadata as env entries, sorted by name as Go ranges over a map. */
export function proxyMetadataEnv(input: TemplateInput): Tree[] {
  const md = proxyMetadata(input);
  return Object.keys(md)
    .sort()
    .map((name) => ({ name, value: goString(md[name]) }));
}

/** What a template from values gets as `.`: `&SidecarTemplateData{…}` with the pod as Go structs. */
export function goTemplateInput(input: TemplateInput): GoPointer {
  return goTemplateData({
    TypeMeta: { kind: input.typeMeta.kind, apiVersion: input.typeMeta.apiVersion },
    DeploymentMeta: { Namespace: input.deployMeta.namespace, Name: input.deployMeta.name },
    ObjectMeta: { ...input.meta, labels: input.labels, annotations: input.annotations },
    Spec: input.spec,
    ProxyConfig: protoMessage('ProxyConfig', input.proxyConfig),
    MeshConfig: protoMessage('MeshConfig', input.mesh),
    Values: input.values,
    Revision: input.revision,
    NativeSidecars: input.nativeSidecars,
    ProxyImage: input.proxyImage,
    ProxyUID: input.proxyUid,
    ProxyGID: input.proxyGid,
    InboundTrafficPolicyMode: input.inboundTrafficPolicyMode,
    CompliancePolicy: '',
  });
}
