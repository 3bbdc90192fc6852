import { baseHelmValues, istiodHelmValues } from '../../../src/model/values/build';
import { validateBaseValues, validateIstiodValues, validateNames } from '../../../src/model/values/validate';

describe('validateIstiodValues', () => {
  test('accepts the values people usually set', () => {
    expect(
      validateIstiodValues({
        revision: 'canary',
        revisionTags: ['prod-stable'],
        global: {
          hub: 'docker.io/istio',
          tag: '1.30.3',
          meshID: 'mesh1',
          network: 'net1',
          multiCluster: { clusterName: 'c1' },
          proxy: {
            logLevel: 'debug',
            includeIPRanges: '10.0.0.0/8',
            excludeIPRanges: '',
            holdApplicationUntilProxyStarts: true,
            resources: { requests: { cpu: '50m' } },
          },
        },
        replicaCount: 2,
        autoscaleEnabled: false,
        autoscaleMin: 1,
        autoscaleMax: 3,
        env: { PILOT_X: 'true' },
        traceSampling: 10,
        meshConfig: {
          accessLogFile: '/dev/stdout',
          enableTracing: true,
          outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
          defaultConfig: { holdApplicationUntilProxyStarts: true },
        },
        sidecarInjectorWebhook: { enableNamespacesByDefault: false, neverInjectSelector: [{ matchLabels: { job: 'batch' } }] },
        profile: 'demo',
      }),
    ).toEqual([]);
  });

  test('fails when replicaCount is not a whole number >= 0', () => {
    expect(validateIstiodValues({ replicaCount: 1.5 })).toEqual([
      'values.replicaCount is 1.5: must be an integer >= 0; set a whole number such as 2',
    ]);
    expect(validateIstiodValues({ replicaCount: -1 })).toHaveLength(1);
    expect(validateIstiodValues({ replicaCount: '2' })).toHaveLength(1);
  });

  test('fails on a hub with a scheme, naming the fix', () => {
    const [error] = validateIstiodValues({ global: { hub: 'https://docker.io/istio' } });
    expect(error).toMatch(/^values\.global\.hub is "https:\/\/docker.io\/istio": must be a registry path.*use e\.g\. 'docker\.io\/istio'/);
  });

  test('fails on an unknown proxy log level and an unknown profile', () => {
    const errors = validateIstiodValues({ global: { proxy: { logLevel: 'verbose' } }, profile: 'default' });
    expect(errors).toEqual([
      expect.stringContaining('values.profile is "default": must be one of ambient, demo, preview, remote, stable'),
      expect.stringContaining('values.global.proxy.logLevel is "verbose": must be one of trace, debug'),
    ]);
  });

  test('fails when autoscaleMin exceeds autoscaleMax', () => {
    expect(validateIstiodValues({ autoscaleMin: 4, autoscaleMax: 2 })).toEqual([
      expect.stringContaining('values.autoscaleMin (4) is greater than values.autoscaleMax (2)'),
    ]);
  });

  test('fails on env values that are not strings (helm would render them differently)', () => {
    expect(validateIstiodValues({ env: { PILOT_X: true } })).toEqual([
      expect.stringContaining('values.env is {"PILOT_X":true}: must be a map of strings'),
    ]);
  });

  test('accepts IstioOperator-style pilot settings, which the chart copies over the top level', () => {
    expect(validateIstiodValues({ pilot: { replicaCount: 2, env: { PILOT_ENABLE_AMBIENT_WAYPOINTS: 'true' } } })).toEqual([]);
  });

  test('fails on a revision that cannot be part of an object name', () => {
    expect(validateIstiodValues({ revision: '1.30.3' })).toEqual([
      expect.stringContaining('values.revision is "1.30.3": must be a DNS label'),
    ]);
  });
});

describe('validateBaseValues', () => {
  test('fails on a wrong type for excludedCRDs', () => {
    expect(validateBaseValues({ base: { excludedCRDs: 'envoyfilters.networking.istio.io' } })).toEqual([
      expect.stringContaining('values.base.excludedCRDs is "envoyfilters.networking.istio.io": must be a list of CRD names'),
    ]);
  });

  test('accepts defaultRevision default', () => {
    expect(validateBaseValues({ defaultRevision: 'default', global: { istioNamespace: 'istio-system' } })).toEqual([]);
  });
});

describe('validateNames', () => {
  test('fails on a namespace with upper case letters and a release name that is too long', () => {
    const errors = validateNames('Istio-System', 'x'.repeat(54));
    expect(errors).toEqual([
      expect.stringContaining('namespace "Istio-System" is not a valid namespace name'),
      expect.stringContaining('is not a valid helm release name'),
    ]);
  });
});

describe('hostile values', () => {
  test('extraValues that replace global with a scalar are an error naming the path (helm would render image /proxyv2:)', () => {
    const values = istiodHelmValues({ namespace: 'istio-system', extraValues: { global: 1 } });
    expect(validateIstiodValues(values)).toEqual([
      'values.global is 1: must be a map (the chart reads values.global.hub from it); give a map (e.g. { hub: ... }) or leave it out',
    ]);
    expect(validateBaseValues(baseHelmValues({ namespace: 'istio-system', extraValues: { global: 'x' } }))).toEqual([
      expect.stringMatching(/^values\.global is "x": must be a map/),
    ]);
  });

  test('extraValues that replace a nested map with a list are an error naming the nested path', () => {
    const values = istiodHelmValues({ namespace: 'istio-system', extraValues: { global: { proxy: [] } } });
    expect(validateIstiodValues(values)).toEqual([expect.stringMatching(/^values\.global\.proxy is \[\]: must be a map/)]);
  });

  test('a pull secret that smuggles a ClusterRoleBinding is refused, naming the value path', () => {
    const errors = validateIstiodValues(
      istiodHelmValues({
        namespace: 'istio-system',
        values: { global: { imagePullSecrets: ['regcred\n---\nkind: ClusterRoleBinding'] } },
      }),
    );
    expect(errors).toEqual([expect.stringMatching(/^values\.global\.imagePullSecrets\[0\] holds a line feed \(U\+000A\) at position 7: /)]);
  });

  test('control characters in extraValues of the base chart are refused as well', () => {
    expect(validateBaseValues({ base: { validationURL: 'https://x\r\n---' } })).toEqual([
      expect.stringMatching(/^values\.base\.validationURL holds a carriage return \(U\+000D\)/),
    ]);
  });
});
