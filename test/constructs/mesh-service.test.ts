import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { MeshService } from '../../src/constructs/mesh-service';
import { addToMesh } from '../../src/constructs/workloads';
import { IstioDuration } from '../../src/model/traffic/duration';
import { StringMatch } from '../../src/model/traffic/string-match';
import { RetryOn } from '../../src/model/traffic/traffic-values';
import { UserError } from '../../src/errors';

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

const errors = (app: App) => app.node.findAll().flatMap((c) => c.node.validate());
const find = (chart: Chart, kind: string, name: string) => chart.toJson().find((o: any) => o.kind === kind && o.metadata.name === name);

describe('MeshService', () => {
  test("canary splits by weight between subsets taken from the workloads' own pod labels", () => {
    const { app, chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 10 });
    expect(errors(app)).toEqual([]);
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
    expect(errors(app)).toEqual([]);
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
    expect(errors(app)).toEqual([]);
    const vs = find(chart, 'VirtualService', 'echo');
    expect(vs.spec.http.map((r: any) => r.name)).toEqual(['variant', 'control']);
    expect(vs.spec.http.find((r: any) => r.name === 'variant').match).toEqual([{ headers: { 'x-group': { exact: 'beta' } } }]);
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
    expect(http.map((r: any) => [r.name, r.route[0].destination.subset])).toEqual([
      ['preview', 'green'],
      ['active', 'blue'],
    ]);
    expect(http[0].match).toEqual([{ headers: { 'x-preview': { exact: 'true' } } }]);
  });

  test('injectFault alone routes all traffic to the host with the fault', () => {
    const { chart, service } = setup();
    new MeshService(chart, 'Echo', { service }).injectFault({ abort: { httpStatus: 503, percentage: 50 } });
    const route = find(chart, 'VirtualService', 'echo').spec.http.find((r: any) => r.name === 'default');
    expect(route.route).toEqual([{ destination: { host: HOST } }]);
    expect(route.fault).toEqual({ abort: { httpStatus: 503, percentage: { value: 50 } } });
  });

  test('emits nothing until a helper is called', () => {
    const { chart, service } = setup();
    new MeshService(chart, 'Echo', { service });
    expect(chart.toJson().filter((o: any) => o.apiVersion.includes('istio.io'))).toEqual([]);
  });

  test('rejects a second routing helper, naming the first', () => {
    const { chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    mesh.canary({ stable: 'v1', canary: 'v2', weight: 10 });
    expect(() => mesh.blueGreen({ active: 'v1' })).toThrow(UserError);
    expect(() => mesh.abTest({ header: 'x', match: StringMatch.exact('y'), variant: 'v2', control: 'v1' })).toThrow(
      /abTest\(\) called a second time: the service already routes with canary\(\)/,
    );
    mesh.resilience({ timeout: IstioDuration.seconds(1) });
    expect(() => mesh.resilience({ timeout: IstioDuration.seconds(2) })).toThrow(/resilience\(\) called a second time/);
  });

  test('fails on unknown versions and a port the service lacks', () => {
    const { app, chart, v1, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1 }, port: 8080 });
    mesh.canary({ stable: 'v1', canary: 'v3', weight: 10 });
    expect(errors(app)).toEqual([
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
    expect(errors(app)).toEqual([
      "version 'v2' runs in namespace 'web' but service 'echo' is in 'shop': a service only reaches pods of its own namespace; move the workload or the service",
    ]);
  });

  test('rejects a canary weight over 100 at once', () => {
    const { chart, v1, v2, service } = setup();
    const mesh = new MeshService(chart, 'Echo', { service, versions: { v1, v2 } });
    expect(() => mesh.canary({ stable: 'v1', canary: 'v2', weight: 110 })).toThrow(
      '[test/Echo] canary weight 110 is out of range: use a whole number from 0 to 100',
    );
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
    expect(errors(app)).toEqual([]);
    const vs = find(chart, 'VirtualService', 'api');
    expect(vs.metadata.namespace).toBe('web');
    expect(vs.spec.http[0].route[0].destination).toEqual({ host: 'api.web.svc.cluster.local', subset: 'v1', port: { number: 80 } });
    expect(() => mesh.addVersion('v1', {})).toThrow(/already has version 'v1'/);
  });

  test('fails when a multi-port service has no port chosen', () => {
    const app = new App();
    const chart = new Chart(app, 'test');
    new MeshService(chart, 'Api', { service: { name: 'api', namespace: 'web', ports: [{ port: 80 }, { port: 9090 }] } }).injectFault({
      delay: { fixedDelay: IstioDuration.seconds(1) },
    });
    expect(errors(app)).toEqual(["service 'api' has several ports (80, 9090): set `port` to the one routes should use"]);
  });
});
