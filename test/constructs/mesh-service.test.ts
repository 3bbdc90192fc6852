import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { IstioGateway } from '../../src/constructs/gateways/istio-gateway';
import { MeshService } from '../../src/constructs/mesh-service';
import { addToMesh } from '../../src/constructs/workloads';
import { IstioDuration } from '../../src/model/traffic/duration';
import { StringMatch } from '../../src/model/traffic/string-match';
import { RetryOn } from '../../src/model/traffic/traffic-values';
import { validationErrors } from '../support/chart';

const HOST = 'echo.shop.svc.cluster.local';

function setup() {
  const app = new App();
  const chart = new Chart(app, 'test', { namespace: 'shop' });
  const deploy = (version: string) =>
    new kplus.Deployment(chart, `echo-${version}`, {
      podMetadata: { labels: { app: 'echo', version } },
      containers: [{ image: 'hashicorp/http-echo', portNumber: 5678, securityContext: { ensureNonRoot: false } }],
    });
  const v1 = deploy('v1');
  const v2 = deploy('v2');
  const service = new kplus.Service(chart, 'echo', { metadata: { name: 'echo' }, ports: [{ name: 'http', port: 80, targetPort: 5678 }] });
  service.selectLabel('app', 'echo');
  return { app, chart, v1, v2, service };
}

const errorsWithPath = (app: App) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
/** What the tests read of a synthesized DestinationRule or VirtualService. */
interface Route {
  readonly name: string;
  readonly match?: unknown;
  readonly route: readonly { readonly destination: { readonly subset?: string } }[];
  readonly retries?: unknown;
  readonly timeout?: string;
  readonly fault?: { readonly abort: { readonly httpStatus: number } };
}

interface MeshObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: {
    readonly host: string;
    readonly hosts: readonly string[];
    readonly subsets: readonly unknown[];
    readonly trafficPolicy: Readonly<Record<string, unknown>>;
    readonly http: readonly Route[];
  };
}

const byKindAndName = (objects: readonly unknown[], kind: string, name: string): MeshObject => {
  const found = (objects as readonly MeshObject[]).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const find = (chart: Chart, kind: string, name: string) => byKindAndName(chart.toJson(), kind, name);
/** Like find, without the validation that chart.toJson() runs (for apps that have errors). */
const render = (chart: Chart, kind: string, name: string) =>
  byKindAndName(
    chart.node
      .findAll()
      .filter(ApiObject.isApiObject)
      .map((o) => o.toJson()),
    kind,
    name,
  );
const routeNamed = (routes: readonly Route[], name: string) => routes.find((r) => r.name === name);

describe('MeshService', () => {
  test("canary splits by weight between subsets taken from the workloads' own pod labels", () => {
    const { app, chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 10 });
    expect(validationErrors(app)).toEqual([]);
    const dr = find(chart, 'DestinationRule', 'echo');
    expect(dr.metadata.namespace).toBe('shop');
    expect(dr.spec.host).toBe(HOST);
    expect(dr.spec.subsets).toEqual([
      { name: 'v1', labels: { app: 'echo', version: 'v1' } },
      { name: 'v2', labels: { app: 'echo', version: 'v2' } },
    ]);
    expect(dr.spec.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
    const vs = find(chart, 'VirtualService', 'echo');
    expect(vs.spec.hosts).toEqual([HOST]);
    expect(vs.spec.http).toEqual([
      {
        name: 'canary',
        route: [
          { destination: { host: HOST, subset: 'v1' }, weight: 90 },
          { destination: { host: HOST, subset: 'v2' }, weight: 10 },
        ],
      },
    ]);
  });

  test('subsets leave out injection and cdk8s-plus selector labels of the workloads', () => {
    const { app, chart, v1, v2, service } = setup();
    new MeshNamespace(chart, 'Shop', { name: 'shop' });
    addToMesh(v1);
    expect(v1.podMetadata.getLabel('sidecar.istio.io/inject')).toBe('true');
    new MeshService(chart, 'Echo', { service, versions: { v1, v2 } }).canary({ stable: 'v1', canary: 'v2', weight: 50 });
    expect(validationErrors(app)).toEqual([]);
    expect(find(chart, 'DestinationRule', 'echo').spec.subsets[0]).toEqual({ name: 'v1', labels: { app: 'echo', version: 'v1' } });
  });

  test('resilience adds retries and timeout to every route and a circuit breaker to the destination, in any call order', () => {
    const { app, chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.resilience({
      retries: { attempts: 2, perTryTimeout: IstioDuration.seconds(1), retryOn: [RetryOn.GATEWAY_ERROR] },
      timeout: IstioDuration.seconds(3),
      circuitBreaker: { outlierDetection: { consecutive5xxErrors: 3 }, connectionPool: { http1MaxPendingRequests: 10 } },
    });
    mesh.abTest({ header: 'x-group', match: StringMatch.exact('beta'), variant: 'v2', control: 'v1' });
    expect(validationErrors(app)).toEqual([]);
    const vs = find(chart, 'VirtualService', 'echo');
    expect(vs.spec.http.map((r) => r.name)).toEqual(['variant', 'control']);
    expect(routeNamed(vs.spec.http, 'variant')?.match).toEqual([{ headers: { 'x-group': { exact: 'beta' } } }]);
    for (const route of vs.spec.http) {
      expect(route.retries).toEqual({ attempts: 2, perTryTimeout: '1s', retryOn: 'gateway-error' });
      expect(route.timeout).toBe('3s');
    }
    const dr = find(chart, 'DestinationRule', 'echo');
    expect(dr.spec.trafficPolicy.outlierDetection).toEqual({ consecutive5xxErrors: 3 });
    expect(dr.spec.trafficPolicy.connectionPool).toEqual({ http: { http1MaxPendingRequests: 10 } });
  });

  test('blueGreen routes to the active version and previews by header', () => {
    const { chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { blue: v1, green: v2 } });
    mesh.blueGreen({ active: 'blue', preview: 'green' });
    const http = find(chart, 'VirtualService', 'echo').spec.http;
    expect(http.map((r) => [r.name, r.route[0].destination.subset])).toEqual([
      ['preview', 'green'],
      ['active', 'blue'],
    ]);
    expect(http[0].match).toEqual([{ headers: { 'x-preview': { exact: 'true' } } }]);
  });

  test('injectFault alone routes all traffic to the host with the fault', () => {
    const { chart, service } = setup();
    new MeshService(chart, 'Echo', { service }).injectFault({ abort: { httpStatus: 503, percentage: 50 } });
    const route = routeNamed(find(chart, 'VirtualService', 'echo').spec.http, 'default');
    expect(route?.route).toEqual([{ destination: { host: HOST } }]);
    expect(route?.fault).toEqual({ abort: { httpStatus: 503, percentage: { value: 50 } } });
  });

  test('emits nothing until a helper is called', () => {
    const { chart, service } = setup();
    new MeshService(chart, 'Echo', { service });
    expect((chart.toJson() as MeshObject[]).filter((o) => o.apiVersion.includes('istio.io'))).toEqual([]);
  });

  test('reports every second routing helper and repeated helper at synth, with the path, keeping the first', () => {
    const { app, chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 10 });
    mesh.blueGreen({ active: 'v1' });
    mesh.abTest({ header: 'x', match: StringMatch.exact('y'), variant: 'v2', control: 'v1' });
    mesh.resilience({ timeout: IstioDuration.seconds(1) });
    mesh.resilience({ timeout: IstioDuration.seconds(2) });
    mesh.injectFault({ abort: { httpStatus: 503, percentage: 1 } });
    mesh.injectFault({ abort: { httpStatus: 500, percentage: 1 } });
    const keep = 'its one VirtualService holds one routing helper, so keep one of canary(), blueGreen() and abTest()';
    expect(errorsWithPath(app)).toEqual([
      `[test/Echo] mesh service 'echo': blueGreen() called a second time: the service already routes with canary(); ${keep}`,
      `[test/Echo] mesh service 'echo': abTest() called a second time: the service already routes with canary(); ${keep}`,
      "[test/Echo] mesh service 'echo': resilience() called a second time: pass retries, timeout and circuitBreaker in one call",
      "[test/Echo] mesh service 'echo': injectFault() called a second time: pass delay and abort in one call",
    ]);
    const route = render(chart, 'VirtualService', 'echo').spec.http[0];
    expect(route.name).toBe('canary');
    expect(route.timeout).toBe('1s');
    expect(route.fault?.abort.httpStatus).toBe(503);
  });

  test('fails on unknown versions and a port the service lacks', () => {
    const { app, chart, v1, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1 }, port: 8080 });
    mesh.canary({ stable: 'v1', canary: 'v3', weight: 10 });
    expect(validationErrors(app)).toEqual([
      "port 8080 is not a port of service 'echo' (it has 80): route to one of those, or add the port to the service",
      "canary() names version 'v3', which is not defined (known: v1): add it to `versions` or call addVersion()",
    ]);
  });

  test('fails when a version runs in another namespace than the service', () => {
    const { app, chart, v1, service } = setup();
    const other = new kplus.Deployment(new Chart(app, 'other', { namespace: 'web' }), 'echo-v2', {
      podMetadata: { labels: { app: 'echo', version: 'v2' } },
      containers: [{ image: 'hashicorp/http-echo', securityContext: { ensureNonRoot: false } }],
    });
    new MeshService(chart, 'Echo', { service, versions: { v1, v2: other } }).canary({ stable: 'v1', canary: 'v2', weight: 5 });
    expect(validationErrors(app)).toEqual([
      "version 'v2' runs in namespace 'web' but service 'echo' is in 'shop': a service only reaches pods of its own namespace; move the workload or the service",
    ]);
  });

  test('reports a canary weight over 100 at synth, with the path', () => {
    const { app, chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 110 });
    expect(errorsWithPath(app)).toEqual(['[test/Echo] canary weight 110 is out of range: use a whole number from 0 to 100']);
  });

  test('works with a service reference and label versions', () => {
    const app = new App();
    const chart = new Chart(app, 'test');
    const mesh = new MeshService(chart, 'Api', {
      service: {
        name: 'api',
        namespace: 'web',
        ports: [
          { name: 'http', port: 80 },
          { name: 'grpc', port: 9090 },
        ],
      },
      port: 80,
    });
    mesh.addVersion('v1', { version: 'v1' });
    mesh.addVersion('v2', { version: 'v2' });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 50 });
    expect(validationErrors(app)).toEqual([]);
    const vs = find(chart, 'VirtualService', 'api');
    expect(vs.metadata.namespace).toBe('web');
    expect(vs.spec.http[0].route[0].destination).toEqual({ host: 'api.web.svc.cluster.local', subset: 'v1', port: { number: 80 } });
    mesh.addVersion('v1', { version: 'other' });
    expect(validationErrors(app)).toEqual(["mesh service 'api' already has version 'v1': give the new version another name"]);
    expect(render(chart, 'DestinationRule', 'api').spec.subsets[0]).toEqual({ name: 'v1', labels: { version: 'v1' } });
  });

  test('fails when a multi-port service has no port chosen', () => {
    const app = new App();
    const chart = new Chart(app, 'test');
    new MeshService(chart, 'Api', { service: { name: 'api', namespace: 'web', ports: [{ port: 80 }, { port: 9090 }] } }).injectFault({
      delay: { fixedDelay: IstioDuration.seconds(1) },
    });
    expect(validationErrors(app)).toEqual(["service 'api' has several ports (80, 9090): set `port` to the one routes should use"]);
  });

  test('takes a cdk8s-plus-33 Service and cdk8s-plus-33 workloads', () => {
    const app = new App();
    const chart = new Chart(app, 'test', { namespace: 'shop' });
    const deploy = (version: string) =>
      new kplus33.Deployment(chart, `echo-${version}`, {
        podMetadata: { labels: { app: 'echo', version } },
        containers: [{ image: 'hashicorp/http-echo', portNumber: 5678, securityContext: { ensureNonRoot: false } }],
      });
    const service = new kplus33.Service(chart, 'echo', { metadata: { name: 'echo' }, ports: [{ name: 'http', port: 80 }] });
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1: deploy('v1'), v2: deploy('v2') }, port: 80 });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 20 });
    expect(validationErrors(app)).toEqual([]);
    expect(mesh.host).toBe(HOST);
    expect(find(chart, 'DestinationRule', 'echo').spec.subsets).toEqual([
      { name: 'v1', labels: { app: 'echo', version: 'v1' } },
      { name: 'v2', labels: { app: 'echo', version: 'v2' } },
    ]);
  });

  test('takes a Service and Deployments given as plain ApiObjects, reading ports and pod labels at synth', () => {
    const app = new App();
    const chart = new Chart(app, 'test', { namespace: 'shop' });
    const service = new ApiObject(chart, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo' },
      spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 80 }] },
    });
    const deploy = (version: string) =>
      new kplus.k8s.KubeDeployment(chart, `echo-${version}`, {
        metadata: { name: `echo-${version}` },
        spec: {
          selector: { matchLabels: { app: 'echo', version } },
          template: {
            metadata: { labels: { app: 'echo', version } },
            spec: { containers: [{ name: 'echo', image: 'hashicorp/http-echo' }] },
          },
        },
      });
    const v1 = deploy('v1');
    addToMesh(v1);
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2: deploy('v2') }, port: 8080 });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 20 });
    expect(validationErrors(app)).toEqual([
      "port 8080 is not a port of service 'echo' (it has 80): route to one of those, or add the port to the service",
    ]);
    expect(render(chart, 'DestinationRule', 'echo').spec.subsets[0]).toEqual({ name: 'v1', labels: { app: 'echo', version: 'v1' } });
  });

  test('names what arrived when the service is not a Service, and emits no objects for it', () => {
    const { app, chart, v1 } = setup();
    new MeshService(chart, 'Echo', { service: v1 }).canary({ stable: 'v1', canary: 'v2', weight: 1 });
    new MeshService(chart, 'Nothing', { service: undefined as never });
    const expected =
      'service: expected a Service (a cdk8s-plus Service or an ApiObject of kind Service) or a ServiceReference { name, ports }, got';
    const fix = "pass the Service that selects the versions' pods";
    expect(errorsWithPath(app)).toEqual([
      `[test/Echo] ${expected} a cdk8s-plus Deployment '${v1.name}' (kind Deployment, apiVersion apps/v1): ${fix}`,
      `[test/Nothing] ${expected} undefined: ${fix}`,
    ]);
    expect(chart.node.findAll().filter((c) => ApiObject.isApiObject(c) && c.kind !== 'Deployment' && c.kind !== 'Service')).toEqual([]);
  });

  test('names what arrived when a version is neither pods nor labels', () => {
    const { app, chart, v1, service } = setup();
    const config = new ApiObject(chart, 'Cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    new MeshService(chart, 'Echo', { service, versions: { v1, cfg: config, svc: service, n: 5 as never } });
    const expected = 'expected a workload or Pod (of cdk8s-plus, or an ApiObject of such a kind) or pod labels, got';
    expect(validationErrors(app)).toEqual([
      `version 'cfg': ${expected} an ApiObject 'cfg' (kind ConfigMap)`,
      `version 'svc': ${expected} a cdk8s-plus Service 'echo' (kind Service)`,
      `version 'n': ${expected} number 5`,
    ]);
  });
});

describe('MeshService.exposeThrough', () => {
  const gatewayFor = (hosts: string[]) => ({ gatewayName: 'public', namespace: 'istio-ingress', hosts });

  test('binds the one VirtualService to the gateway and to mesh, answering the outside host with the same canary split', () => {
    const { app, chart, v1, v2, service } = setup();
    const echo = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    echo.canary({ stable: 'v1', canary: 'v2', weight: 10 });
    echo.exposeThrough(gatewayFor(['echo.example.com']));
    expect(validationErrors(app)).toEqual([]);
    const vs = find(chart, 'VirtualService', 'echo') as MeshObject & { spec: { gateways?: string[] } };
    expect(vs.spec.hosts).toEqual([HOST, 'echo.example.com']);
    expect(vs.spec.gateways).toEqual(['mesh', 'istio-ingress/public']);
    expect(routeNamed(vs.spec.http, 'canary')?.route.map((r) => r.destination.subset)).toEqual(['v1', 'v2']);
  });

  test("without hosts, answers only the gateway's hosts offered to the service's namespace, and fails when there are none", () => {
    const { app, chart, service } = setup();
    const edge = new Chart(app, 'edge', { namespace: 'istio-ingress' });
    const shared = new IstioGateway(edge, 'Shared', {
      name: 'shared',
      selector: { istio: 'ingressgateway' },
      servers: [{ port: 80, protocol: 'HTTP', hosts: ['shop/echo.example.com', 'blog/blog.example.com'] }],
    });
    const blogOnly = new IstioGateway(edge, 'BlogOnly', {
      name: 'blog-only',
      selector: { istio: 'ingressgateway' },
      servers: [{ port: 80, protocol: 'HTTP', hosts: ['blog/blog.example.com'] }],
    });
    new MeshService(chart, 'Echo', { service }).exposeThrough(shared);
    expect(validationErrors(app)).toEqual([]);
    expect(find(chart, 'VirtualService', 'echo').spec.hosts).toEqual([HOST, 'echo.example.com']);
    new MeshService(chart, 'Other', { service: { name: 'other', ports: [{ port: 80 }] } }).exposeThrough(blogOnly);
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(
        /^exposeThrough\(\): gateway 'istio-ingress\/blog-only' offers none of its hosts \(blog\/blog.example.com\) to namespace 'shop'/,
      ),
    ]);
  });

  test('refuses a wildcard host, which would capture the mesh traffic to other services', () => {
    const { app, chart, service } = setup();
    new MeshService(chart, 'Echo', { service }).exposeThrough(gatewayFor(['*']));
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^exposeThrough\(\): host '\*' is a wildcard/)]);
  });
});
