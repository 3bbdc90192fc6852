/** The istio-proxy container for the sidecar, gateway and grpc-agent templates. */
import { annotationOr, proxyMetadata, type TemplateInput, value, valueString, valueTruthy } from './context';
import { imageFor, statusPortOf } from './init';
import { proxyEnv } from './proxy-env';
import { proxyResources } from './resources';
import { clone, goString, type Tree } from './tree';
import { type Flavour, proxyVolumeMounts } from './volumes';

export interface ProxyOptions {
  readonly native: boolean;
  readonly tproxy: boolean;
  readonly capNetBindService: boolean;
  readonly holdProxy: boolean;
}

export function proxyContainer(input: TemplateInput, flavour: Flavour, options: ProxyOptions): Tree {
  const c: Tree = { name: 'istio-proxy', image: imageFor(input, 'global.proxy.image') };
  if (flavour === 'sidecar' && options.native) c.restartPolicy = 'Always';
  c.ports =
    flavour === 'grpc-agent'
      ? [{ containerPort: 15020, protocol: 'TCP', name: 'mesh-metrics' }]
      : [{ containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' }];
  c.args = proxyArgs(input, flavour);
  const lifecycle = proxyLifecycle(input, flavour, options);
  if (lifecycle) c.lifecycle = lifecycle;
  if (flavour === 'gateway') c.securityContext = { runAsUser: input.proxyUid || 1337, runAsGroup: input.proxyGid || 1337 };
  c.env = proxyEnv(input, flavour);
  const pullPolicy = value(input, 'global.imagePullPolicy');
  if (pullPolicy) c.imagePullPolicy = goString(pullPolicy);
  Object.assign(c, probes(input, flavour));
  if (flavour === 'sidecar') c.securityContext = sidecarSecurityContext(input, options);
  if (flavour !== 'gateway') {
    const resources = proxyResources(input);
    if (resources) c.resources = resources;
  }
  c.volumeMounts = proxyVolumeMounts(input, flavour);
  return c;
}

function proxyArgs(input: TemplateInput, flavour: Flavour): string[] {
  const args = [
    'proxy',
    flavour === 'gateway' ? 'router' : 'sidecar',
    '--domain',
    `$(POD_NAMESPACE).svc.${valueString(input, 'global.proxy.clusterDomain')}`,
    `--proxyLogLevel=${annotationOr(input, 'sidecar.istio.io/logLevel', value(input, 'global.proxy.logLevel'))}`,
    `--proxyComponentLogLevel=${annotationOr(input, 'sidecar.istio.io/componentLogLevel', value(input, 'global.proxy.componentLogLevel'))}`,
    `--log_output_level=${annotationOr(input, 'sidecar.istio.io/agentLogLevel', value(input, 'global.logging.level'))}`,
  ];
  if (valueTruthy(input, 'global.sts.servicePort')) args.push(`--stsPort=${valueString(input, 'global.sts.servicePort')}`);
  if (valueTruthy(input, 'global.logAsJson')) args.push('--log_as_json');
  if (flavour === 'sidecar' && valueTruthy(input, 'global.proxy.outlierLogPath')) {
    args.push(`--outlierLogPath=${valueString(input, 'global.proxy.outlierLogPath')}`);
  }
  return args;
}

const exec = (...command: string[]): Tree => ({ exec: { command } });

function proxyLifecycle(input: TemplateInput, flavour: Flavour, options: ProxyOptions): Tree | undefined {
  if (flavour === 'grpc-agent') return { postStart: exec('pilot-agent', 'wait', '--url=http://localhost:15020/healthz/ready') };
  if (valueTruthy(input, 'global.proxy.lifecycle')) return clone(value(input, 'global.proxy.lifecycle')) as Tree;
  if (flavour === 'gateway') return undefined;
  if (options.holdProxy) return { postStart: exec('pilot-agent', 'wait') };
  if (options.native) {
    return { preStop: exec('pilot-agent', 'request', `--debug-port=${statusPortOf(input)}`, 'POST', 'drain') };
  }
  return undefined;
}

/** Readiness (and startup) probes on the agent's health port, unless the status port is 0. */
function probes(input: TemplateInput, flavour: Flavour): Tree {
  const out: Tree = {};
  const port = flavour === 'grpc-agent' ? 15020 : 15021;
  const readiness = (suffix: string, fallback: string): unknown =>
    intOrText(
      flavour === 'gateway'
        ? goString(value(input, fallback))
        : annotationOr(input, `readiness.status.sidecar.istio.io/${suffix}`, value(input, fallback)),
    );
  const readinessProbe = {
    httpGet: { path: '/healthz/ready', port },
    initialDelaySeconds: readiness('initialDelaySeconds', 'global.proxy.readinessInitialDelaySeconds'),
    periodSeconds: readiness('periodSeconds', 'global.proxy.readinessPeriodSeconds'),
    timeoutSeconds: 3,
    failureThreshold: readiness('failureThreshold', 'global.proxy.readinessFailureThreshold'),
  };
  if (flavour === 'gateway') return { readinessProbe };
  if (statusPortOf(input) === '0') return out;
  if (flavour === 'sidecar' && valueTruthy(input, 'global.proxy.startupProbe.enabled')) {
    out.startupProbe = {
      httpGet: { path: '/healthz/ready', port },
      initialDelaySeconds: 0,
      periodSeconds: 1,
      timeoutSeconds: 3,
      failureThreshold: intOrText(goString(value(input, 'global.proxy.startupProbe.failureThreshold'))),
    };
  }
  out.readinessProbe = readinessProbe;
  return out;
}

/** Template text that YAML reads back as a number when it is one. */
function intOrText(text: string): unknown {
  return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
}

function sidecarSecurityContext(input: TemplateInput, options: ProxyOptions): Tree {
  let ctx: Tree;
  if (proxyMetadata(input).IPTABLES_TRACE_LOGGING === 'true') {
    ctx = {
      allowPrivilegeEscalation: true,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
      privileged: true,
      readOnlyRootFilesystem: true,
      runAsGroup: input.proxyGid || 1337,
      runAsNonRoot: false,
      runAsUser: 0,
    };
  } else {
    const privileged = value(input, 'global.proxy.privileged');
    const add = [...(options.tproxy ? ['NET_ADMIN'] : []), ...(options.capNetBindService ? ['NET_BIND_SERVICE'] : [])];
    const elevated = options.tproxy || options.capNetBindService;
    ctx = {
      allowPrivilegeEscalation: privileged,
      capabilities: add.length > 0 ? { add, drop: ['ALL'] } : { drop: ['ALL'] },
      privileged,
      readOnlyRootFilesystem: true,
      ...(elevated
        ? { runAsNonRoot: false, runAsUser: 0, runAsGroup: 1337 }
        : { runAsNonRoot: true, runAsUser: input.proxyUid || 1337, runAsGroup: input.proxyGid || 1337 }),
    };
  }
  if (valueTruthy(input, 'global.proxy.seccompProfile')) ctx.seccompProfile = clone(value(input, 'global.proxy.seccompProfile'));
  return ctx;
}
