// The seed install as a cdk8s app: istio base + istiod, the default namespace with injection, an nginx
// Deployment with a sidecar, and namespace-wide STRICT mTLS; nginx is reachable from outside through an ingress
// gateway. One chart per concern, in apply order.
import { type App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IstioBase } from './constructs/control-plane/istio-base';
import { Istiod } from './constructs/control-plane/istiod';
import { IngressGateway } from './constructs/gateways/ingress-gateway';
import { IstioGateway } from './constructs/gateways/istio-gateway';
import { MeshNamespace } from './constructs/mesh-namespace';
import { type PeerAuthentication } from './constructs/policies/peer-authentication';
import { VirtualService } from './constructs/policies/virtual-service';
import { addToMesh } from './constructs/workloads';
import { type ChartSource } from './engine/charts/chart-source';
import { addTrafficExample, type TrafficExample } from './example-traffic';
import { InjectionMode } from './model/injection-mode';
import { MtlsMode } from './model/mtls';

export interface ExampleAppOptions {
  /**
   * Where the Istio charts come from.
   * @default - `ISTIO_CHARTS_DIR` when set, then the official Helm repository (downloaded once, then cached)
   */
  readonly chartSources?: readonly ChartSource[];
}

/** The parts of the example that tests and callers look at. */
export interface ExampleApp {
  readonly namespace: MeshNamespace;
  readonly deployment: kplus.Deployment;
  readonly peerAuthentication: PeerAuthentication;
  readonly traffic: TrafficExample;
}

/** Output files, one per chart, named so that sorting them gives the apply order. */
export const EXAMPLE_CHARTS = {
  base: '01-istio-base',
  istiod: '02-istiod',
  workloads: '03-workloads',
  security: '04-security',
  traffic: '05-traffic',
  ingress: '06-ingress',
} as const;

/** Adds the seed install's charts to `app`. */
export function buildExampleApp(app: App, options: ExampleAppOptions = {}): ExampleApp {
  const sources = options.chartSources;

  // IstioBase creates istio-system (as `helm install --create-namespace` did in the seed); Istiod shares it.
  new IstioBase(new Chart(app, EXAMPLE_CHARTS.base), 'IstioBase', { sources });

  new Istiod(new Chart(app, EXAMPLE_CHARTS.istiod), 'Istiod', { sources });

  const workloads = new Chart(app, EXAMPLE_CHARTS.workloads);
  const namespace = new MeshNamespace(workloads, 'Default', { name: 'default', injection: InjectionMode.sidecar() });
  const deployment = nginxDeployment(workloads);
  addToMesh(deployment);

  const security = new Chart(app, EXAMPLE_CHARTS.security);
  const peerAuthentication = namespace.requireMtls(MtlsMode.strict(), { scope: security, id: 'DefaultMtls' });

  // A second service: canary with retries and a circuit breaker, an AuthorizationPolicy, access logs.
  const traffic = addTrafficExample(workloads, new Chart(app, EXAMPLE_CHARTS.traffic));

  addIngress(new Chart(app, EXAMPLE_CHARTS.ingress), nginxService(workloads), sources);
  return { namespace, deployment, peerAuthentication, traffic };
}

/** nginx's Service, which the ingress route sends to. */
function nginxService(scope: Chart): kplus.Service {
  const service = new kplus.Service(scope, 'NginxService', {
    metadata: { name: 'nginx', namespace: 'default' },
    ports: [{ name: 'http', port: 80, targetPort: 80 }],
  });
  service.selectLabel('app', 'nginxdeployment');
  return service;
}

/**
 * An ingress gateway in istio-ingress (synth applies it after istiod, whose injector fills in its pods), an Istio
 * Gateway selecting its pods by reference for HTTP on port 80, and a VirtualService bound to it that sends every
 * request to nginx: nginx is reachable from outside at the gateway's LoadBalancer address.
 */
function addIngress(scope: Chart, nginx: kplus.Service, sources: readonly ChartSource[] | undefined): void {
  const gateway = new IngressGateway(scope, 'IngressGateway', { sources });
  const istioGateway = new IstioGateway(scope, 'Gateway', {
    gateway,
    name: 'public',
    namespace: gateway.namespace,
    servers: [{ port: 80, protocol: 'HTTP', hosts: ['*'] }],
  });
  new VirtualService(scope, 'NginxRoute', {
    name: 'nginx-ingress',
    namespace: 'default',
    hosts: ['*'],
    gateways: [istioGateway],
    http: [{ destinations: [{ host: `${nginx.name}.default.svc.cluster.local`, port: 80 }] }],
  });
}

/**
 * nginx on port 80, two replicas. The stock image starts as root (to bind port 80, then drops to the nginx
 * user for workers) and writes its cache and pid file, so: root allowed, root filesystem kept read-only
 * with writable emptyDirs for /var/cache/nginx and /var/run, no privilege escalation.
 */
function nginxDeployment(scope: Chart): kplus.Deployment {
  const deployment = new kplus.Deployment(scope, 'Nginx', {
    metadata: { name: 'nginx-deployment', namespace: 'default' },
    replicas: 2,
    select: false,
    podMetadata: { labels: { app: 'nginxdeployment' } },
    securityContext: { ensureNonRoot: false },
    containers: [
      {
        name: 'nginxdeployment',
        image: 'nginx:1.27',
        ports: [{ number: 80 }],
        securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
        },
        volumeMounts: [
          { path: '/var/cache/nginx', volume: kplus.Volume.fromEmptyDir(scope, 'NginxCache', 'nginx-cache') },
          { path: '/var/run', volume: kplus.Volume.fromEmptyDir(scope, 'NginxRun', 'nginx-run') },
        ],
      },
    ],
  });
  deployment.select(kplus.LabelSelector.of({ labels: { app: 'nginxdeployment' } }));
  return deployment;
}
