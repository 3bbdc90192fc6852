// The traffic part of the example app: a second service, `echo`, in two versions, with a 10% canary,
// retries, a timeout and a circuit breaker, an AuthorizationPolicy and access logs.
import { type Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MeshService } from './constructs/mesh-service';
import { AuthorizationPolicy } from './constructs/policies/authorization-policy';
import { Telemetry } from './constructs/policies/telemetry';
import { addToMesh } from './constructs/workloads';
import { IstioDuration } from './model/traffic/duration';
import { RetryOn } from './model/traffic/traffic-values';

export interface TrafficExampleOptions {
  /** Namespace of the echo service; it should inject sidecars. @default 'default' */
  readonly namespace?: string;
  /** Percent of requests sent to v2. @default 10 */
  readonly canaryWeight?: number;
}

/** The parts of the traffic example that tests and callers look at. */
export interface TrafficExample {
  readonly service: kplus.Service;
  readonly v1: kplus.Deployment;
  readonly v2: kplus.Deployment;
  readonly mesh: MeshService;
  readonly authorizationPolicy: AuthorizationPolicy;
  readonly telemetry: Telemetry;
}

const APP = 'echo';
const CONTAINER_PORT = 5678;

/**
 * Adds the echo service to `workloads` (two Deployments and a Service) and its mesh policies to `policies`
 * (DestinationRule, VirtualService, AuthorizationPolicy, Telemetry).
 */
export function addTrafficExample(workloads: Chart, policies: Chart = workloads, options: TrafficExampleOptions = {}): TrafficExample {
  const namespace = options.namespace ?? 'default';
  const v1 = echoDeployment(workloads, namespace, 'v1');
  const v2 = echoDeployment(workloads, namespace, 'v2');
  const service = new kplus.Service(workloads, 'EchoService', {
    metadata: { name: APP, namespace },
    ports: [{ name: 'http', port: 80, targetPort: CONTAINER_PORT }],
  });
  service.selectLabel('app', APP);

  const mesh = new MeshService(policies, 'Echo', { service, versions: { v1, v2 } });
  mesh.canary({ stable: 'v1', canary: 'v2', weight: options.canaryWeight ?? 10 });
  mesh.resilience({
    retries: {
      attempts: 2,
      perTryTimeout: IstioDuration.seconds(1),
      retryOn: [RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM, RetryOn.GATEWAY_ERROR],
    },
    timeout: IstioDuration.seconds(3),
    circuitBreaker: {
      outlierDetection: {
        consecutive5xxErrors: 5,
        interval: IstioDuration.seconds(10),
        baseEjectionTime: IstioDuration.seconds(30),
        maxEjectionPercent: 50,
      },
      connectionPool: { maxConnections: 100, http1MaxPendingRequests: 50 },
    },
  });

  // Only workloads of the same namespace may call echo, and only to read.
  const authorizationPolicy = new AuthorizationPolicy(policies, 'EchoReaders', {
    name: 'echo-readers',
    namespace,
    selector: { app: APP },
    rules: [{ from: [{ namespaces: [namespace] }], to: [{ methods: ['GET', 'HEAD'], ports: [CONTAINER_PORT] }] }],
  });
  const telemetry = new Telemetry(policies, 'EchoAccessLogs', {
    name: 'echo-access-logs',
    namespace,
    selector: { app: APP },
    accessLogging: { providers: ['envoy'] },
  });
  return { service, v1, v2, mesh, authorizationPolicy, telemetry };
}

/** hashicorp/http-echo answering with its version; a static binary, so it runs as any user on a read-only root. */
function echoDeployment(scope: Chart, namespace: string, version: string): kplus.Deployment {
  const labels = { app: APP, version };
  const deployment = new kplus.Deployment(scope, `Echo${version.toUpperCase()}`, {
    metadata: { name: `${APP}-${version}`, namespace, labels },
    replicas: 2,
    select: false,
    podMetadata: { labels },
    containers: [
      {
        name: APP,
        image: 'hashicorp/http-echo:1.0',
        args: [`-text=${APP} ${version}`, `-listen=:${CONTAINER_PORT}`],
        ports: [{ number: CONTAINER_PORT, name: 'http' }],
        securityContext: { user: 65532, group: 65532, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
        resources: {
          cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
          memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
        },
      },
    ],
  });
  deployment.select(kplus.LabelSelector.of({ labels }));
  addToMesh(deployment);
  return deployment;
}
