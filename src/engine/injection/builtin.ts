/** The chart's built-in injection templates, built as pod overlays directly (no text rendering). */
import { baseAnnotations, canonicalLabels, cniAnnotations, imagePullSecrets, sidecarLabels } from './annotations';
import { annotationOr, type TemplateInput, templateInterceptionMode, usesNativeSidecar, value, valueTruthy } from './context';
import { proxyContainer } from './containers';
import { initContainer } from './init';
import { clone, goString, type Tree, truthy } from './tree';
import { proxyVolumes } from './volumes';

export type BuiltinTemplate = (input: TemplateInput) => Tree;

export const BUILTIN_TEMPLATES: Record<string, BuiltinTemplate> = {
  sidecar: sidecarTemplate,
  gateway: gatewayTemplate,
  'grpc-simple': grpcSimpleTemplate,
  'grpc-agent': grpcAgentTemplate,
};

function sidecarTemplate(input: TemplateInput): Tree {
  const mode = templateInterceptionMode(input);
  const tproxy = mode === 'TPROXY';
  const capNetBindService =
    annotationOr(input, 'sidecar.istio.io/capNetBindService', value(input, 'global.proxy.capNetBindService')) === 'true';
  const native = usesNativeSidecar(input);
  const holdProxy =
    (truthy(input.proxyConfig.holdApplicationUntilProxyStarts) || valueTruthy(input, 'global.proxy.holdApplicationUntilProxyStarts')) &&
    !native;
  const proxy = proxyContainer(input, 'sidecar', { native, tproxy, capNetBindService, holdProxy });

  const initContainers: Tree[] = [];
  if (mode !== 'NONE') initContainers.push(initContainer(input, tproxy));
  const spec: Tree = { initContainers };
  if (native) initContainers.push(proxy);
  else spec.containers = [proxy];
  spec.volumes = proxyVolumes(input, 'sidecar');
  const secrets = imagePullSecrets(input);
  if (secrets) spec.imagePullSecrets = secrets;
  return {
    metadata: { labels: sidecarLabels(input), annotations: { ...baseAnnotations(input), ...cniAnnotations(input, mode) } },
    spec,
  };
}

function gatewayTemplate(input: TemplateInput): Tree {
  const custom = value(input, 'gateways.securityContext');
  const securityContext = truthy(custom)
    ? (clone(custom) as Tree)
    : { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] };
  const spec: Tree = {
    securityContext,
    containers: [proxyContainer(input, 'gateway', { native: false, tproxy: false, capNetBindService: false, holdProxy: false })],
    volumes: proxyVolumes(input, 'gateway'),
  };
  const secrets = imagePullSecrets(input);
  if (secrets) spec.imagePullSecrets = secrets;
  return { metadata: { labels: canonicalLabels(input, false), annotations: baseAnnotations(input) }, spec };
}

const GRPC_BOOTSTRAP_VOLUME = 'grpc-io-proxyless-bootstrap';

/** Proxyless gRPC without an agent: an init container writes the xDS bootstrap file for the app. */
function grpcSimpleTemplate(input: TemplateInput): Tree {
  const mount = { mountPath: '/var/lib/grpc/data/', name: GRPC_BOOTSTRAP_VOLUME };
  const bootstrapScript = [
    'NODE_ID="sidecar~${INSTANCE_IP}~${POD_NAME}.${POD_NAMESPACE}~cluster.local"',
    'SERVER_URI="dns:///istiod.${ISTIO_NAMESPACE}.svc:15010"',
    "echo '",
    '{',
    '  "xds_servers": [',
    '    {',
    `      "server_uri": "'\${SERVER_URI}'",`,
    '      "channel_creds": [{"type": "insecure"}],',
    '      "server_features" : ["xds_v3"]',
    '    }',
    '  ],',
    '  "node": {',
    `    "id": "'\${NODE_ID}'",`,
    '    "metadata": {',
    '      "GENERATOR": "grpc"',
    '    }',
    '  }',
    "}' > /var/lib/grpc/data/bootstrap.json",
  ].join('\n');
  const fieldEnv = (name: string, fieldPath: string): Tree => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  return {
    metadata: { annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } },
    spec: {
      initContainers: [
        {
          name: 'grpc-bootstrap-init',
          image: 'busybox:1.28',
          volumeMounts: [mount],
          env: [
            fieldEnv('INSTANCE_IP', 'status.podIP'),
            fieldEnv('POD_NAME', 'metadata.name'),
            fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
            { name: 'ISTIO_NAMESPACE', value: `${goString(value(input, 'global.istioNamespace'))}\n` },
          ],
          command: ['sh', '-c', bootstrapScript],
        },
      ],
      containers: containersOf(input).map((name) => ({
        name,
        env: [
          { name: 'GRPC_XDS_BOOTSTRAP', value: '/var/lib/grpc/data/bootstrap.json' },
          { name: 'GRPC_GO_LOG_VERBOSITY_LEVEL', value: '99' },
          { name: 'GRPC_GO_LOG_SEVERITY_LEVEL', value: 'info' },
        ],
        volumeMounts: [mount],
      })),
      volumes: [{ name: GRPC_BOOTSTRAP_VOLUME, emptyDir: {} }],
    },
  };
}

/** Proxyless gRPC with the agent: the agent serves xDS and certificates to the app over a shared volume. */
function grpcAgentTemplate(input: TemplateInput): Tree {
  const gke = value(input, 'global.caName') === 'GkeWorkloadCertificate';
  const appContainers = containersOf(input)
    .filter((n) => n !== 'istio-proxy')
    .map((name) => ({
      name,
      env: [
        { name: 'GRPC_XDS_EXPERIMENTAL_SECURITY_SUPPORT', value: 'true' },
        { name: 'GRPC_XDS_BOOTSTRAP', value: '/etc/istio/proxy/grpc-bootstrap.json' },
      ],
      volumeMounts: [
        { mountPath: '/var/lib/istio/data', name: 'istio-data' },
        { mountPath: '/etc/istio/proxy', name: 'istio-xds' },
        gke
          ? { name: 'gke-workload-certificate', mountPath: '/var/run/secrets/workload-spiffe-credentials', readOnly: true }
          : { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
      ],
    }));
  const spec: Tree = {
    containers: [
      proxyContainer(input, 'grpc-agent', { native: false, tproxy: false, capNetBindService: false, holdProxy: false }),
      ...appContainers,
    ],
    volumes: proxyVolumes(input, 'grpc-agent'),
  };
  const secrets = imagePullSecrets(input);
  if (secrets) spec.imagePullSecrets = secrets;
  return {
    metadata: {
      labels: canonicalLabels(input, false),
      annotations: { ...baseAnnotations(input), 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' },
    },
    spec,
  };
}

function containersOf(input: TemplateInput): string[] {
  const containers = Array.isArray(input.spec.containers) ? (input.spec.containers as Tree[]) : [];
  return containers.map((c) => String(c.name ?? ''));
}
