import { ApiObject, App, Chart } from 'cdk8s';
import { HttpRoute } from '../../../src/constructs/gateway-api/http-route';
import { KubernetesGateway } from '../../../src/constructs/gateway-api/kubernetes-gateway';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { IstioDuration } from '../../../src/model/traffic/duration';
import { HttpRouteFilter, PathModifier } from '../../../src/model/traffic/http-route-filter';
import { StringMatch } from '../../../src/model/traffic/string-match';
import { crdSuiteName, crdValidator, GATEWAY_API_CRDS, schemaIssues } from '../../support/crds';
import { at, list } from '../../support/json';
import { findInChart, validationErrors } from '../../support/chart';

function service(chart: Chart, name: string, ports: number[], namespace?: string): ApiObject {
  return new ApiObject(chart, `Svc-${name}`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { ports: ports.map((port) => ({ port })) },
  });
}
function setup() {
  const app = new App();
  const chart = new Chart(app, 'test', { namespace: 'shop' });
  const gateway = new KubernetesGateway(chart, 'Gw', {
    name: 'public',
    listeners: [{ port: 80, protocol: 'HTTP', hostname: '*.example.com' }],
  });
  return { app, chart, gateway };
}

describe('HttpRoute', () => {
  test('attaches to a gateway by reference and renders matches, weighted backends, filters and timeouts', () => {
    const { app, chart, gateway } = setup();
    const v1 = service(chart, 'web-v1', [8080]);
    const v2 = service(chart, 'web-v2', [8080, 9090]);
    new HttpRoute(chart, 'Route', {
      name: 'web',
      parents: [gateway],
      hostnames: ['shop.example.com'],
      rules: [
        {
          name: 'api',
          matches: [
            {
              path: StringMatch.prefix('/api'),
              headers: { 'x-beta': StringMatch.exact('1') },
              queryParams: { v: StringMatch.regex('^2') },
              method: 'GET',
            },
          ],
          filters: [
            HttpRouteFilter.requestHeaders({ set: { 'x-via': 'edge' }, remove: ['x-debug'] }),
            HttpRouteFilter.rewrite({ path: PathModifier.prefix('/') }),
            HttpRouteFilter.mirror({ name: 'shadow', port: 80 }, { percent: 10 }),
          ],
          backends: [
            { service: v1, weight: 90 },
            { service: v2, port: 8080, weight: 10, filters: [HttpRouteFilter.responseHeaders({ add: { 'x-version': 'v2' } })] },
          ],
          timeout: IstioDuration.seconds(10),
          backendTimeout: IstioDuration.millis(2500),
        },
      ],
    });
    expect(validationErrors(app)).toEqual([]);
    const route = findInChart(chart, 'HTTPRoute', 'web');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(at(route, 'spec', 'parentRefs')).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    const rule = list(route, 'spec', 'rules').find((r) => r.name === 'api');
    expect(at(rule, 'matches')).toEqual([
      {
        path: { type: 'PathPrefix', value: '/api' },
        headers: [{ type: 'Exact', name: 'x-beta', value: '1' }],
        queryParams: [{ type: 'RegularExpression', name: 'v', value: '^2' }],
        method: 'GET',
      },
    ]);
    expect(list(rule, 'backendRefs').map((b) => [b.name, b.port, b.weight])).toEqual([
      ['web-v1', 8080, 90],
      ['web-v2', 8080, 10],
    ]);
    expect(list(rule, 'filters').map((f) => f.type)).toEqual(['RequestHeaderModifier', 'URLRewrite', 'RequestMirror']);
    expect(list(rule, 'filters').find((f) => f.type === 'URLRewrite')?.urlRewrite).toEqual({
      path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
    });
    expect(at(rule, 'timeouts')).toEqual({ request: '10s', backendRequest: '2500ms' });
  });

  test('a backend in another namespace gets a ReferenceGrant there; with grants off it is an error', () => {
    const { app, chart, gateway } = setup();
    const api = service(chart, 'api', [80], 'backend');
    new HttpRoute(chart, 'Route', { name: 'web', parents: [gateway], rules: [{ backends: [{ service: api }] }] });
    expect(validationErrors(app)).toEqual([]);
    expect(list(findInChart(chart, 'HTTPRoute', 'web'), 'spec', 'rules', 0, 'backendRefs')).toEqual([
      { group: '', kind: 'Service', name: 'api', namespace: 'backend', port: 80 },
    ]);
    const grant = findInChart(chart, 'ReferenceGrant', 'httproute-shop-web');
    expect(grant.metadata.namespace).toBe('backend');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'api' }],
    });
    new HttpRoute(chart, 'Manual', {
      name: 'manual',
      referenceGrants: false,
      parents: [gateway],
      rules: [{ backends: [{ service: { name: 'api', namespace: 'backend' }, port: 80 }] }],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(
        /^Service 'backend\/api' is in another namespace and needs a ReferenceGrant there allowing HTTPRoute from 'shop'/,
      ),
    ]);
  });

  test('a redirect rule needs no backends; a rule with neither is an error', () => {
    const { app, chart, gateway } = setup();
    new HttpRoute(chart, 'Redirect', {
      name: 'redirect',
      parents: [gateway],
      rules: [{ filters: [HttpRouteFilter.redirect({ scheme: 'https', statusCode: 301 })] }],
    });
    expect(validationErrors(app)).toEqual([]);
    new HttpRoute(chart, 'Empty', { name: 'empty', parents: [gateway], rules: [{ name: 'nothing' }] });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^rule 'nothing' has no backends \(requests would get 500\)/)]);
  });
});

const validator = crdValidator(GATEWAY_API_CRDS, ['httproutes.gateway.networking.k8s.io', 'referencegrants.gateway.networking.k8s.io']);
(validator ? describe : describe.skip)(crdSuiteName('HttpRoute against the Gateway API v1.5.1 CRDs', GATEWAY_API_CRDS), () => {
  test('routes using every field and filter we write are valid', () => {
    const { chart, gateway } = setup();
    const web = service(chart, 'web', [80]);
    const other = service(chart, 'other', [80], 'else');
    new HttpRoute(chart, 'All', {
      name: 'all',
      parents: [{ gateway, listener: 'http-80', port: 80 }, KubernetesGateway.fromName('shared', 'infra')],
      hostnames: ['a.example.com', '*.b.example.com'],
      rules: [
        {
          name: 'main',
          matches: [
            { path: StringMatch.exact('/x'), headers: { a: StringMatch.regex('b.*') }, method: 'POST' },
            { path: StringMatch.regex('/y/.*') },
          ],
          filters: [
            HttpRouteFilter.requestHeaders({ set: { a: '1' }, add: { b: '2' }, remove: ['c'] }),
            HttpRouteFilter.responseHeaders({ set: { d: '4' } }),
            HttpRouteFilter.rewrite({ hostname: 'internal', path: PathModifier.fullPath('/z') }),
            HttpRouteFilter.mirror({ name: 'shadow', namespace: 'else', port: 8080 }, { percent: 5 }),
          ],
          backends: [
            { service: web, weight: 1 },
            { service: other, weight: 0 },
          ],
          timeout: IstioDuration.seconds(5),
          backendTimeout: IstioDuration.seconds(1),
        },
        {
          name: 'moved',
          filters: [
            HttpRouteFilter.redirect({
              scheme: 'https',
              hostname: 'c.example.com',
              path: PathModifier.prefix('/new'),
              port: 443,
              statusCode: 308,
            }),
          ],
        },
      ],
    });
    expect(schemaIssues(validator!, chart.toJson() as KubeObject[])).toEqual([]);
  });

  test('the check can fail: an unknown filter type is reported', () => {
    const bad = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'x' },
      spec: { rules: [{ filters: [{ type: 'Teleport' }] }] },
    };
    expect(validator!.validate(bad)).not.toEqual([]);
  });
});
