/**
 * Templates given in values (`sidecarInjectorWebhook.templates`): Go text/template bodies, rendered with
 * the same data and helper functions Istio gives them, then read as a pod overlay.
 */
import { parse } from 'yaml';
import { parseTemplate, SPRIG_FUNCTIONS, type Template } from '../gotemplate';
import { isRecord } from '../k8s/object';
import { type TemplateInput } from './context';
import { InjectionError } from './errors';
import { registerProxyConfig, TEMPLATE_FUNCTIONS } from './template-functions';
import { type Tree } from './tree';

const FUNCTIONS = { ...SPRIG_FUNCTIONS, ...TEMPLATE_FUNCTIONS };

/** Parses a template from values once; syntax errors are injection errors naming the template. */
export function parseCustomTemplate(name: string, source: string): Template {
  try {
    return parseTemplate(source, { name, funcs: FUNCTIONS });
  } catch (e) {
    throw new InjectionError(`failed to parse injection template "${name}": ${(e as Error).message}`);
  }
}

export function renderCustomTemplate(template: Template, input: TemplateInput): Tree {
  const name = template.name;
  let text: string;
  try {
    text = template.execute(templateData(input));
  } catch (e) {
    throw new InjectionError(`failed to run injection template "${name}": ${(e as Error).message}`);
  }
  let overlay: unknown;
  try {
    overlay = parse(text);
  } catch (e) {
    throw new InjectionError(`failed parsing generated injected YAML of template "${name}": ${(e as Error).message.split('\n')[0]}`);
  }
  if (overlay === null || overlay === undefined) return {};
  if (!isRecord(overlay)) throw new InjectionError(`template "${name}" must produce a YAML map (a pod overlay)`);
  return overlay;
}

/** Field names the Go types spell with initialisms. */
const GO_NAMES: Record<string, string> = {
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  hostIP: 'HostIP',
  podIP: 'PodIP',
  podIPs: 'PodIPs',
  uid: 'UID',
  apiVersion: 'APIVersion',
  hostIPC: 'HostIPC',
  hostPID: 'HostPID',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  tty: 'TTY',
  fsGroup: 'FSGroup',
  seLinuxOptions: 'SELinuxOptions',
  sizeLimit: 'SizeLimit',
  nfs: 'NFS',
  iscsi: 'ISCSI',
  csi: 'CSI',
  fc: 'FC',
  rbd: 'RBD',
  cephfs: 'CephFS',
  hostname: 'Hostname',
};
/** Fields whose value is a map with user keys, which keep their spelling. */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'limits',
  'requests',
  'proxyMetadata',
  'overhead',
  'matchLabels',
  'volumeAttributes',
  'data',
  'meshNetworks',
]);

function goName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** A JSON-shaped object with Go field names, as the template sees the Kubernetes and Istio types. */
function goShaped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goShaped);
  if (!isRecord(value)) return value;
  const out: Tree = {};
  for (const [k, v] of Object.entries(value)) out[goName(k)] = MAP_FIELDS.has(k) ? v : goShaped(v);
  return out;
}

/** Zero values of the struct fields templates commonly test, which a Go struct always has. */
const META_ZERO = { Name: '', Namespace: '', GenerateName: '' };
const SPEC_ZERO = {
  ServiceAccountName: '',
  NodeName: '',
  Hostname: '',
  Subdomain: '',
  RestartPolicy: '',
  DNSPolicy: '',
  HostNetwork: false,
};
const CONTAINER_ZERO = { Name: '', Image: '', ImagePullPolicy: '', WorkingDir: '' };

function withZeros(value: unknown, zeros: Tree): Tree {
  return { ...zeros, ...(isRecord(value) ? value : {}) };
}

function goSpec(spec: Tree): Tree {
  const out = withZeros(goShaped(spec), SPEC_ZERO);
  for (const field of ['Containers', 'InitContainers']) {
    out[field] = Array.isArray(out[field]) ? (out[field] as unknown[]).map((c) => withZeros(c, CONTAINER_ZERO)) : [];
  }
  return out;
}

function templateData(input: TemplateInput): Tree {
  const meta = withZeros(goShaped(input.meta), META_ZERO);
  meta.Labels = input.labels;
  meta.Annotations = input.annotations;
  const proxyConfig = goShaped(input.proxyConfig) as Tree;
  proxyConfig.InterceptionMode = typeof input.proxyConfig.interceptionMode === 'string' ? input.proxyConfig.interceptionMode : 'REDIRECT';
  registerProxyConfig(proxyConfig, input.proxyConfig);
  return {
    TypeMeta: { Kind: input.typeMeta.kind, APIVersion: input.typeMeta.apiVersion },
    DeploymentMeta: { Name: input.deployMeta.name, Namespace: input.deployMeta.namespace },
    ObjectMeta: meta,
    Spec: goSpec(input.spec),
    ProxyConfig: proxyConfig,
    MeshConfig: goShaped(input.mesh),
    Values: input.values,
    Revision: input.revision,
    NativeSidecars: input.nativeSidecars,
    ProxyImage: input.proxyImage,
    ProxyUID: input.proxyUid,
    ProxyGID: input.proxyGid,
    InboundTrafficPolicyMode: input.inboundTrafficPolicyMode,
    CompliancePolicy: '',
  };
}
