/** Labels and annotations the built-in templates put on the pod. */
import { annotationOr, appContainerNames, hasAnnotation, proxyMetadata, type TemplateInput, value, valueTruthy } from './context';
import { excludedInbound, outboundPortsSet } from './init';
import { goString, type Tree } from './tree';

/** service.istio.io/canonical-name and -revision; the sidecar template trims the name to a label's 63 characters. */
export function canonicalLabels(input: TemplateInput, truncate: boolean): Record<string, string> {
  const l = input.labels;
  let name = l['service.istio.io/canonical-name'] || l['app.kubernetes.io/name'] || l.app || input.deployMeta.name;
  if (truncate) {
    name = name.slice(0, 63);
    if (name.endsWith('-')) name = name.slice(0, -1);
  }
  const revision = l['service.istio.io/canonical-revision'] || l['app.kubernetes.io/version'] || l.version || 'latest';
  return { 'service.istio.io/canonical-name': name, 'service.istio.io/canonical-revision': revision };
}

export function sidecarLabels(input: TemplateInput): Record<string, string> {
  const labels: Record<string, string> = { 'security.istio.io/tlsMode': input.labels['security.istio.io/tlsMode'] || 'istio' };
  if (proxyMetadata(input).ISTIO_META_ENABLE_HBONE === 'true') {
    labels['networking.istio.io/tunnel'] = input.labels['networking.istio.io/tunnel'] || 'http';
  }
  return { ...labels, ...canonicalLabels(input, true) };
}

/** istio.io/rev and the kubectl default container annotations (first app container). */
export function baseAnnotations(input: TemplateInput): Record<string, string> {
  const out: Record<string, string> = { 'istio.io/rev': input.revision || 'default' };
  const first = appContainerNames(input)[0];
  if (first !== undefined) {
    if (!hasAnnotation(input, 'kubectl.kubernetes.io/default-logs-container')) out['kubectl.kubernetes.io/default-logs-container'] = first;
    if (!hasAnnotation(input, 'kubectl.kubernetes.io/default-container')) out['kubectl.kubernetes.io/default-container'] = first;
  }
  return out;
}

/** Under CNI the plugin reads the redirection settings from pod annotations, so the template writes them all. */
export function cniAnnotations(input: TemplateInput, mode: string): Record<string, string> {
  if (!valueTruthy(input, 'pilot.cni.enabled')) return {};
  const out: Record<string, string> = {};
  if (value(input, 'pilot.cni.provider') === 'multus') {
    out['k8s.v1.cni.cncf.io/networks'] = appendMultusNetwork(input.annotations['k8s.v1.cni.cncf.io/networks'] ?? '', 'default/istio-cni');
  }
  out['sidecar.istio.io/interceptionMode'] = mode;
  const include = annotationOr(input, 'traffic.sidecar.istio.io/includeOutboundIPRanges', value(input, 'global.proxy.includeIPRanges'));
  if (include !== '') out['traffic.sidecar.istio.io/includeOutboundIPRanges'] = include;
  const exclude = annotationOr(input, 'traffic.sidecar.istio.io/excludeOutboundIPRanges', value(input, 'global.proxy.excludeIPRanges'));
  if (exclude !== '') out['traffic.sidecar.istio.io/excludeOutboundIPRanges'] = exclude;
  out['traffic.sidecar.istio.io/includeInboundPorts'] = annotationOr(
    input,
    'traffic.sidecar.istio.io/includeInboundPorts',
    value(input, 'global.proxy.includeInboundPorts'),
  );
  out['traffic.sidecar.istio.io/excludeInboundPorts'] = excludedInbound(input);
  if (outboundPortsSet(input, 'traffic.sidecar.istio.io/includeOutboundPorts', 'global.proxy.includeOutboundPorts')) {
    out['traffic.sidecar.istio.io/includeOutboundPorts'] = annotationOr(
      input,
      'traffic.sidecar.istio.io/includeOutboundPorts',
      value(input, 'global.proxy.includeOutboundPorts'),
    );
  }
  if (outboundPortsSet(input, 'traffic.sidecar.istio.io/excludeOutboundPorts', 'global.proxy.excludeOutboundPorts')) {
    out['traffic.sidecar.istio.io/excludeOutboundPorts'] = annotationOr(
      input,
      'traffic.sidecar.istio.io/excludeOutboundPorts',
      value(input, 'global.proxy.excludeOutboundPorts'),
    );
  }
  for (const name of [
    'traffic.sidecar.istio.io/kubevirtInterfaces',
    'istio.io/reroute-virtual-interfaces',
    'traffic.sidecar.istio.io/excludeInterfaces',
  ]) {
    if (input.annotations[name]) out[name] = input.annotations[name];
  }
  return out;
}

/** Adds the istio-cni network to a Multus networks annotation (comma list or JSON list), once. */
export function appendMultusNetwork(existing: string, network: string): string {
  if (existing === '') return network;
  const close = existing.lastIndexOf(']');
  if (close >= 0) {
    let networks: unknown;
    try {
      networks = JSON.parse(existing);
    } catch {
      return existing;
    }
    const slash = network.indexOf('/');
    const ns = slash >= 0 ? network.slice(0, slash) : '';
    const name = slash >= 0 ? network.slice(slash + 1) : network;
    if (Array.isArray(networks) && networks.some((n) => n && n.name === name && (n.namespace ?? '') === ns)) return existing;
    const entry = ns === '' ? `, {"name": "${name}"}` : `, {"name": "${name}", "namespace": "${ns}"}`;
    return existing.slice(0, close) + entry + existing.slice(close);
  }
  if (existing.split(',').some((n) => n.trim() === network)) return existing;
  return `${existing}, ${network}`;
}

export function imagePullSecrets(input: TemplateInput): Tree[] | undefined {
  const secrets = value(input, 'global.imagePullSecrets');
  if (!Array.isArray(secrets) || secrets.length === 0) return undefined;
  return secrets.map((s) => ({ name: goString(s) }));
}
