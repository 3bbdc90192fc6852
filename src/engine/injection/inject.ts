/** Injection of one pod template: decide, run the templates, merge, post-process. */
import { isRecord } from '../k8s/object';
import { decideInjection, skipWarning } from './decide';
import { InjectionError } from './errors';
import { type PodTarget } from './kinds';
import { checkPodShape } from './shape';
import { strategicMerge } from './merge';
import { normalizePodSpec } from './normalize';
import { reapplyUserContainers } from './overrides';
import { containerList, findContainer, moveContainer } from './pod';
import { applyProbeRewrite } from './probes';
import { applyPrometheusMerge, statusPort } from './prometheus';
import { meshForPod } from './proxy-config';
import { reorderContainers, STATUS_ANNOTATION, statusValue, strippedPod } from './status';
import { renderTemplates } from './templates';
import { type TemplateInput } from './context';
import { type PreparedSettings } from './prepared';
import { type Tree, truthy } from './tree';
import { validateAnnotations } from './validate-annotations';

/** Injects the pod found at `target` in place; returns the warnings. */
export function injectTarget(target: PodTarget, prepared: PreparedSettings): string[] {
  checkPodShape(target.holder[target.metaKey], target.specHolder.spec);
  const meta = isRecord(target.holder[target.metaKey]) ? (target.holder[target.metaKey] as Tree) : {};
  const spec = target.specHolder.spec as Tree;
  // The pod is read as the Kubernetes types read it, so user fields print as Istio prints them.
  normalizePodSpec(spec);
  const fullName = podFullName(meta, target);
  const decision = decideInjection(meta, spec, prepared.neverInjectSelectors);
  if (!decision.inject && decision.reason === 'host-network') return [skipWarning('host-network', target.typeMeta.kind, fullName)];
  const annotations = stringMap(meta.annotations);
  const mesh = meshForPod(prepared.mesh, annotations);
  if (!decision.inject) return [skipWarning('disabled', target.typeMeta.kind, fullName)];

  const errors = validateAnnotations(annotations);
  if (errors.length > 0) throw new InjectionError(errors.join('; '));

  const pod: Tree = { metadata: { ...meta, labels: stringMap(meta.labels), annotations }, spec };
  const injected = injectPod(pod, target, prepared, mesh);
  target.holder[target.metaKey] = injected.metadata;
  target.specHolder.spec = injected.spec;
  return [];
}

function injectPod(original: Tree, target: PodTarget, prepared: PreparedSettings, mesh: Tree): Tree {
  const proxyConfig = isRecord(mesh.defaultConfig) ? mesh.defaultConfig : {};
  const meshStatusPort = statusPort(mesh);
  const stripped = strippedPod(original, meshStatusPort);
  const strippedMeta = stripped.metadata as Tree;
  const labels = stringMap(strippedMeta.labels);
  const network = labels['topology.istio.io/network'] ?? prepared.network;
  const clusterEnv: Record<string, string> = {};
  if (prepared.clusterName !== '') clusterEnv.ISTIO_META_CLUSTER_ID = prepared.clusterName;
  if (network !== '') clusterEnv.ISTIO_META_NETWORK = network;

  const annotations = stringMap(strippedMeta.annotations);
  const inboundMode = isRecord(mesh.inboundTrafficPolicy) && mesh.inboundTrafficPolicy.mode === 'LOCALHOST' ? 'localhost' : 'passthrough';
  const input: TemplateInput = {
    values: prepared.values,
    mesh,
    proxyConfig,
    meta: strippedMeta,
    spec: stripped.spec as Tree,
    annotations,
    labels,
    typeMeta: target.typeMeta,
    deployMeta: target.deployMeta,
    revision: prepared.revision,
    nativeSidecars: prepared.nativeSidecars,
    proxyImage: prepared.proxyImage(annotations, proxyConfig),
    proxyUid: 1337,
    proxyGid: 1337,
    inboundTrafficPolicyMode: inboundMode,
  };

  let merged = original;
  let templatePod: Tree = {};
  for (const overlay of renderTemplates(input, prepared)) {
    templatePod = strategicMerge(templatePod, overlay);
    if (
      podUsesNative(merged, prepared.nativeSidecars) &&
      hasInitProxy(templatePod) &&
      containerList(merged.spec as Tree, 'containers').some((c) => c.name === 'istio-proxy')
    ) {
      merged = moveProxyToInit(merged);
    }
    merged = strategicMerge(merged, overlay);
  }
  merged = reapplyUserContainers(merged, original, templatePod, proxyConfig);
  postProcess(merged, templatePod, prepared, mesh, clusterEnv, proxyConfig);
  normalizePodSpec(merged.spec as Tree);
  return merged;
}

function postProcess(
  pod: Tree,
  templatePod: Tree,
  prepared: PreparedSettings,
  mesh: Tree,
  clusterEnv: Record<string, string>,
  proxyConfig: Tree,
): void {
  const meta = pod.metadata as Tree;
  meta.annotations = stringMap(meta.annotations);
  meta.labels = stringMap(meta.labels);
  const sidecar = findContainer(pod, 'istio-proxy');
  if (sidecar && Object.keys(clusterEnv).length > 0) {
    const env = (Array.isArray(sidecar.env) ? (sidecar.env as Tree[]) : []).filter((e) => !(String(e.name) in clusterEnv));
    for (const name of Object.keys(clusterEnv).sort()) env.push({ name, value: clusterEnv[name] });
    sidecar.env = env;
  }
  applyPrometheusMerge(pod, mesh);
  applyProbeRewrite(pod, statusPort(mesh), prepared.rewriteProbes);
  if (clusterEnv.ISTIO_META_NETWORK !== undefined) (meta.labels as Tree)['topology.istio.io/network'] = clusterEnv.ISTIO_META_NETWORK;
  (meta.annotations as Tree)[STATUS_ANNOTATION] = statusValue(templatePod, prepared.revision);
  const hold = truthy(proxyConfig.holdApplicationUntilProxyStarts) || prepared.holdApplication;
  reorderContainers(pod.spec as Tree, hold);
}

/** Whether the pod runs native sidecars: its nativeSidecar annotation, else the setting. */
function podUsesNative(pod: Tree, fallback: boolean): boolean {
  const a = stringMap((pod.metadata as Tree).annotations)['sidecar.istio.io/nativeSidecar'];
  return a === 'true' ? true : a === 'false' ? false : fallback;
}

function hasInitProxy(pod: Tree): boolean {
  return containerList((pod.spec ?? {}) as Tree, 'initContainers').some((c) => c.name === 'istio-proxy');
}

/** A user's istio-proxy in `containers` follows the injected one to `initContainers` for native sidecars. */
function moveProxyToInit(pod: Tree): Tree {
  const spec = { ...(pod.spec as Tree) };
  const containers = containerList(spec, 'containers');
  const proxy = containers.find((c) => c.name === 'istio-proxy');
  spec.containers = moveContainer(containers, 'istio-proxy', 'remove');
  spec.initContainers = [...containerList(spec, 'initContainers'), proxy];
  return { ...pod, spec };
}

function podFullName(meta: Tree, target: PodTarget): string {
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : target.deployMeta.name;
  return target.deployMeta.namespace !== '' ? `${target.deployMeta.namespace}/${name}` : name;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}
