// Conformance of our own Istio types (src/model/traffic) with the CRDs of Istio 1.30.3: objects built by the
// constructs with every field they write must pass the CRDs' v1 schemas (read from ../shared at test time).
import { App, Chart } from 'cdk8s';
import { AuthorizationPolicy } from '../../../src/constructs/policies/authorization-policy';
import { DestinationRule } from '../../../src/constructs/policies/destination-rule';
import { RequestAuthentication } from '../../../src/constructs/policies/request-authentication';
import { Telemetry } from '../../../src/constructs/policies/telemetry';
import { VirtualService } from '../../../src/constructs/policies/virtual-service';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { IstioDuration } from '../../../src/model/traffic/duration';
import { AuthorizationAction } from '../../../src/model/traffic/security';
import { StringMatch } from '../../../src/model/traffic/string-match';
import { IstioMetric, TagOverride, WorkloadMode } from '../../../src/model/traffic/telemetry';
import { ClientTls, LoadBalancer, RetryOn } from '../../../src/model/traffic/traffic-values';
import { crdSuiteName, crdValidator, ISTIO_CRDS, schemaIssues } from '../../support/crds';

// Only the CRDs we emit objects of (parsing all of them is slow).
const validator = crdValidator(ISTIO_CRDS, [
  'destinationrules.networking.istio.io',
  'virtualservices.networking.istio.io',
  'authorizationpolicies.security.istio.io',
  'requestauthentications.security.istio.io',
  'telemetries.telemetry.istio.io',
]);

(validator ? describe : describe.skip)(crdSuiteName('traffic types against the Istio 1.30.3 CRDs', ISTIO_CRDS), () => {
  const issues = (chart: Chart) => schemaIssues(validator!, chart.toJson() as KubeObject[]);
  const host = 'reviews.shop.svc.cluster.local';

  test('a DestinationRule and a VirtualService using every field we write are valid', () => {
    const chart = new Chart(new App(), 'test', { namespace: 'shop' });
    new DestinationRule(chart, 'Dr', {
      host,
      exportTo: ['.'],
      loadBalancer: LoadBalancer.hashCookie('session', IstioDuration.minutes(5)),
      connectionPool: {
        maxConnections: 10,
        connectTimeout: IstioDuration.millis(200),
        http1MaxPendingRequests: 5,
        http2MaxRequests: 50,
        maxRequestsPerConnection: 1,
        maxRetries: 3,
        idleTimeout: IstioDuration.seconds(30),
      },
      outlierDetection: {
        consecutive5xxErrors: 3,
        consecutiveGatewayErrors: 2,
        interval: IstioDuration.seconds(5),
        baseEjectionTime: IstioDuration.seconds(30),
        maxEjectionPercent: 50,
        minHealthPercent: 10,
      },
      tls: ClientTls.mutual('client-cert', { sni: host }),
      subsets: [{ name: 'v1', labels: { version: 'v1' }, loadBalancer: LoadBalancer.hashSourceIp() }],
    });
    new VirtualService(chart, 'Vs', {
      hosts: [host],
      gateways: ['mesh'],
      exportTo: ['.'],
      http: [
        {
          name: 'all',
          match: [
            {
              uri: StringMatch.regex('^/api/.*'),
              method: StringMatch.exact('GET'),
              headers: { 'x-a': StringMatch.prefix('b') },
              withoutHeaders: { 'x-c': StringMatch.exact('d') },
              queryParams: { q: StringMatch.exact('1') },
              ignoreUriCase: true,
            },
          ],
          destinations: [{ host, subset: 'v1', port: 9080, weight: 100 }],
          timeout: IstioDuration.seconds(10),
          retries: { attempts: 3, perTryTimeout: IstioDuration.seconds(2), retryOn: [RetryOn.SERVER_ERROR, RetryOn.statusCode(503)] },
          fault: { delay: { fixedDelay: IstioDuration.seconds(1), percentage: 0.5 }, abort: { httpStatus: 500, percentage: 1 } },
          mirror: { host: 'shadow', port: 80, percentage: 10 },
          rewrite: { uri: '/', authority: 'reviews' },
        },
      ],
    });
    expect(issues(chart)).toEqual([]);
  });

  test('AuthorizationPolicies, a RequestAuthentication and Telemetries using every field we write are valid', () => {
    const chart = new Chart(new App(), 'test', { namespace: 'shop' });
    AuthorizationPolicy.denyAll(chart, 'DenyAll');
    new AuthorizationPolicy(chart, 'Ap', {
      name: 'ap',
      selector: { app: 'reviews' },
      action: AuthorizationAction.custom('ext-authz'),
      rules: [
        {
          from: [
            {
              principals: ['a'],
              notPrincipals: ['b'],
              requestPrincipals: ['c/d'],
              namespaces: ['x'],
              notNamespaces: ['y'],
              ipBlocks: ['10.0.0.0/8'],
              notIpBlocks: ['10.1.0.0/16'],
            },
          ],
          to: [{ methods: ['GET'], notMethods: ['DELETE'], paths: ['/a/*'], notPaths: ['/a/b'], ports: [8080], hosts: ['reviews'] }],
          when: [{ key: 'request.headers[x]', values: ['1'], notValues: ['2'] }],
        },
      ],
    });
    new RequestAuthentication(chart, 'Ra', {
      name: 'ra',
      selector: { app: 'reviews' },
      jwtRules: [
        {
          issuer: 'https://a',
          jwksUri: 'https://a/jwks',
          audiences: ['x'],
          fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
          fromParams: ['t'],
          forwardOriginalToken: true,
          outputPayloadToHeader: 'x-payload',
        },
        { issuer: 'https://b', jwks: '{"keys":[]}' },
      ],
    });
    Telemetry.meshDefault(chart, 'Mesh', {
      accessLogging: { providers: ['envoy'], filter: 'response.code >= 400', mode: WorkloadMode.CLIENT },
      tracing: { samplingPercentage: 2.5, disableSpanReporting: false, literalTags: { team: 'shop' } },
    });
    new Telemetry(chart, 'T', {
      name: 't',
      selector: { app: 'reviews' },
      accessLogging: { disabled: true },
      metrics: {
        providers: ['prometheus'],
        overrides: [
          {
            metric: IstioMetric.custom('x'),
            mode: WorkloadMode.SERVER,
            disabled: false,
            tags: { a: TagOverride.upsert('request.host'), b: TagOverride.remove() },
          },
        ],
      },
    });
    expect(issues(chart)).toEqual([]);
  });

  test('the check can fail: a misspelled enum value is reported', () => {
    const bad = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'x' },
      spec: { host: 'x', trafficPolicy: { tls: { mode: 'ISTIO_MUTUALL' } } },
    };
    expect(validator!.validate(bad)).not.toEqual([]);
  });
});
