/** Environment of the istio-proxy container, in the order the chart's templates write it. */
import { isRecord } from '../k8s/object';
import { appContainerNames, hasAnnotation, proxyMetadataEnv, type TemplateInput, value, valueString } from './context';
import { proxyConfigJson, proxyInterception } from './proxy-config';
import { goString, type Tree } from './tree';
import { type Flavour } from './volumes';

const fieldEnv = (name: string, fieldPath: string): Tree => ({ name, valueFrom: { fieldRef: { fieldPath } } });
const resourceEnv = (name: string, resource: string): Tree => ({ name, valueFrom: { resourceFieldRef: { resource, divisor: '1' } } });

export function proxyEnv(input: TemplateInput, flavour: Flavour): Tree[] {
  const env: Tree[] = [];
  if (flavour === 'grpc-agent') {
    env.push({ name: 'ISTIO_META_GENERATOR', value: 'grpc' }, { name: 'OUTPUT_CERTS', value: '/var/lib/istio/data' });
  }
  if (flavour === 'sidecar' && input.inboundTrafficPolicyMode === 'localhost') {
    env.push({ name: 'REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION', value: 'true' });
  }
  env.push({ name: 'PILOT_CERT_PROVIDER', value: valueString(input, 'global.pilotCertProvider') });
  env.push({ name: 'CA_ADDR', value: caAddress(input) });
  env.push(
    fieldEnv('POD_NAME', 'metadata.name'),
    fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
    fieldEnv('INSTANCE_IP', 'status.podIP'),
    fieldEnv('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    fieldEnv('HOST_IP', 'status.hostIP'),
  );
  if (flavour !== 'grpc-agent') env.push(resourceEnv('ISTIO_CPU_LIMIT', 'limits.cpu'));
  env.push({ name: 'PROXY_CONFIG', value: `${proxyConfigJson(input.proxyConfig)}\n` });
  env.push({ name: 'ISTIO_META_POD_PORTS', value: podPortsJson(input) });
  const apps = { name: 'ISTIO_META_APP_CONTAINERS', value: appContainerNames(input).join(',') };
  if (flavour !== 'gateway') env.push(apps);
  if (flavour !== 'grpc-agent') env.push(resourceEnv('GOMEMLIMIT', 'limits.memory'), resourceEnv('GOMAXPROCS', 'limits.cpu'));
  if (flavour === 'gateway') env.push(apps);
  env.push({ name: 'ISTIO_META_CLUSTER_ID', value: valueString(input, 'global.multiCluster.clusterName') || 'Kubernetes' });
  env.push(fieldEnv('ISTIO_META_NODE_NAME', 'spec.nodeName'));
  if (flavour === 'sidecar') {
    const annotated = input.annotations['sidecar.istio.io/interceptionMode'];
    env.push({ name: 'ISTIO_META_INTERCEPTION_MODE', value: annotated || proxyInterception(input.proxyConfig) });
  }
  if (flavour === 'gateway') env.push({ name: 'ISTIO_META_INTERCEPTION_MODE', value: proxyInterception(input.proxyConfig) });
  const network = valueString(input, 'global.network');
  if (network !== '') env.push({ name: 'ISTIO_META_NETWORK', value: network });
  const workload = flavour === 'sidecar' ? input.labels['service.istio.io/workload-name'] || input.deployMeta.name : input.deployMeta.name;
  if (workload) env.push({ name: 'ISTIO_META_WORKLOAD_NAME', value: workload });
  if (input.typeMeta.apiVersion && input.deployMeta.name) {
    const ns = input.deployMeta.namespace || 'default';
    env.push({
      name: 'ISTIO_META_OWNER',
      value: `kubernetes://apis/${input.typeMeta.apiVersion}/namespaces/${ns}/${input.typeMeta.kind.toLowerCase()}s/${input.deployMeta.name}`,
    });
  }
  if (flavour !== 'grpc-agent' && hasAnnotation(input, 'sidecar.istio.io/bootstrapOverride')) {
    env.push({ name: 'ISTIO_BOOTSTRAP_OVERRIDE', value: '/etc/istio/custom-bootstrap/custom_bootstrap.json' });
  }
  const trustDomain = goOr(input.mesh.trustDomain, value(input, 'global.trustDomain'));
  const meshId = valueString(input, 'global.meshID');
  if (meshId !== '') env.push({ name: 'ISTIO_META_MESH_ID', value: meshId });
  else if (trustDomain !== '') env.push({ name: 'ISTIO_META_MESH_ID', value: trustDomain });
  if (trustDomain !== '') env.push({ name: 'TRUST_DOMAIN', value: trustDomain });
  if (flavour === 'sidecar') {
    env.push(...datadogEnv(input));
    const otel = otelResourceAttributes(input);
    if (otel !== '') env.push({ name: 'OTEL_RESOURCE_ATTRIBUTES', value: otel });
  }
  env.push(...proxyMetadataEnv(input));
  if (flavour === 'grpc-agent') {
    env.push({ name: 'ISTIO_META_DNS_CAPTURE', value: 'false' }, { name: 'DISABLE_ENVOY', value: 'true' });
  }
  return env;
}

export function caAddress(input: TemplateInput): string {
  const configured = valueString(input, 'global.caAddress');
  if (configured !== '') return configured;
  const revision = valueString(input, 'revision');
  return `istiod${revision !== '' ? `-${revision}` : ''}.${valueString(input, 'global.istioNamespace')}.svc:15012`;
}

/** Go's valueOrDefault: the value unless it is empty or nil. */
function goOr(primary: unknown, fallback: unknown): string {
  if (primary !== undefined && primary !== null && primary !== '') return goString(primary);
  return fallback === undefined || fallback === null ? '' : goString(fallback);
}

const PORT_FIELDS = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'];

/** ISTIO_META_POD_PORTS: every declared container port as the Kubernetes JSON of a ContainerPort. */
function podPortsJson(input: TemplateInput): string {
  const items: string[] = [];
  const containers = Array.isArray(input.spec.containers) ? input.spec.containers : [];
  for (const c of containers) {
    if (!isRecord(c) || !Array.isArray(c.ports)) continue;
    for (const p of c.ports) {
      if (!isRecord(p)) continue;
      const out: Tree = {};
      for (const f of PORT_FIELDS) {
        if (f === 'containerPort') out[f] = typeof p[f] === 'number' ? p[f] : 0;
        else if (p[f] !== undefined && p[f] !== null && p[f] !== '' && p[f] !== 0) out[f] = p[f];
      }
      items.push(JSON.stringify(out));
    }
  }
  return items.length === 0 ? '[\n]' : `[\n    ${items.join('\n    ,')}\n]`;
}

function datadogEnv(input: TemplateInput): Tree[] {
  const text = input.annotations['apm.datadoghq.com/env'];
  if (value(input, 'global.proxy.tracer') !== 'datadog' || text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(parsed)) return [];
  return Object.keys(parsed)
    .sort()
    .map((name) => ({ name, value: goString(parsed[name]) }));
}

/** OTEL_RESOURCE_ATTRIBUTES, set when an OpenTelemetry provider asks for semantic-convention enrichment. */
function otelResourceAttributes(input: TemplateInput): string {
  const providers = Array.isArray(input.mesh.extensionProviders) ? input.mesh.extensionProviders : [];
  const enriched = providers.some(
    (p) => isRecord(p) && isRecord(p.opentelemetry) && p.opentelemetry.serviceAttributeEnrichment === 'OTEL_SEMANTIC_CONVENTIONS',
  );
  if (!enriched) return '';
  const a = input.annotations;
  const namespace = input.deployMeta.namespace;
  const containers = (Array.isArray(input.spec.containers) ? input.spec.containers : []).filter(isRecord);
  const attrs: string[] = [];
  if (a['resource.opentelemetry.io/service.namespace']) attrs.push(`service.namespace=${a['resource.opentelemetry.io/service.namespace']}`);
  else if (namespace !== '') attrs.push(`service.namespace=${namespace}`);
  if (a['resource.opentelemetry.io/service.version']) attrs.push(`service.version=${a['resource.opentelemetry.io/service.version']}`);
  else if (input.labels['app.kubernetes.io/version']) attrs.push(`service.version=${input.labels['app.kubernetes.io/version']}`);
  else if (containers.length === 1) {
    const version = imageVersion(String(containers[0].image ?? ''));
    if (version !== '') attrs.push(`service.version=${version}`);
  }
  if (a['resource.opentelemetry.io/service.instance.id'])
    attrs.push(`service.instance.id=${a['resource.opentelemetry.io/service.instance.id']}`);
  else if (containers.length > 0) attrs.push(`service.instance.id=${namespace}.$(POD_NAME).${String(containers[0].name ?? '')}`);
  return attrs.join(',');
}

/** `tag@digest`, `digest` or `tag` of an image reference. */
function imageVersion(image: string): string {
  let digest = '';
  let rest = image;
  const at = image.indexOf('@');
  if (at >= 0) {
    digest = image.slice(at + 1);
    rest = image.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : '';
  if (tag && digest) return `${tag}@${digest}`;
  return digest || tag;
}
