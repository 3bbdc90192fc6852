import { markType, render, SPRIG_FUNCTIONS, TemplateError } from '../../../src/engine/gotemplate';
import { goTemplateInput, type TemplateInput } from '../../../src/engine/injection/context';
import { templateInput } from './support/template-input';
import { TEMPLATE_FUNCTIONS } from '../../../src/engine/injection/template-functions';
import { renderWithGo } from '../gotemplate/go-oracle';

const FUNCTIONS = { ...SPRIG_FUNCTIONS, ...TEMPLATE_FUNCTIONS };
const VALUES = {
  s: 'Hello World',
  path: '/etc/istio/proxy/config.json',
  labels: { app: 'web', version: 'v1' },
  nested: { a: [1, { b: null, c: 'x' }], d: null, e: {} },
  text: 'a\nb\nc',
};
/** Istio's functions that take map[string]string get one here, as the pod's labels are. */
const data = (): Record<string, unknown> => ({
  Values: VALUES,
  Labels: markType({ ...VALUES.labels }, { name: 'map[string]string', zero: '' }),
});
const run = (src: string): string => render(src, data(), { name: 'gotpl', funcs: FUNCTIONS });

/**
 * Istio's helpers next to a Helm (Go + Sprig) expression that does what Istio's Go source does, so real Go
 * checks the result: contains is strings.Contains flipped like Sprig's, toLower strings.ToLower, indent
 * fmt's "% Ns" padding, toYaml sigs.k8s.io/yaml (Helm trims its last newline), toJSON and structToJSON
 * json.Marshal, strdict and mergeMaps string maps.
 */
const EQUIVALENTS: readonly (readonly [string, string])[] = [
  ['{{ contains "World" .Values.s }} {{ contains "" "" }}', '{{ contains "World" .Values.s }} {{ contains "" "" }}'],
  ['{{ toLower "ÀB İ ẞ" }}', '{{ lower "ÀB İ ẞ" }}'],
  [
    '{{ indent 4 .Values.text }}|{{ indent -2 .Values.text }}|{{ indent 0 .Values.text }}',
    '{{ $t := splitList "\\n" .Values.text }}{{ first $t }}{{ range rest $t }}\n{{ printf "% 4s%s" "" . }}{{ end }}|{{ first $t }}{{ range rest $t }}\n{{ printf "% -2s%s" "" . }}{{ end }}|{{ first $t }}{{ range rest $t }}\n{{ printf "% 0s%s" "" . }}{{ end }}',
  ],
  ['{{ toYaml .Values.nested }}', '{{ toYaml .Values.nested }}\n'],
  ['{{ toJSON .Labels }} {{ toJSON nil }}', '{{ toJson .Values.labels }} {}'],
  ['{{ structToJSON .Values.nested }} {{ structToJSON nil }}', '{{ toJson .Values.nested }} {}'],
  [
    '{{ strdict "b" "1" "a" }} {{ mergeMaps (strdict "a" "1") (strdict "a" "2" "b" "3") }}',
    '{{ dict "b" "1" "a" "" }} {{ mergeOverwrite (dict "a" "1") (dict "a" "2" "b" "3") }}',
  ],
  [
    '{{ omit .Labels "app" }} {{ toJsonMap .Labels (strdict "z" "<") }}',
    '{{ omit .Values.labels "app" }} {{ toJson (merge (dict "z" "<") .Values.labels) }}',
  ],
  ['{{ fromJSON "{\\"a\\":[1,2]}" }} {{ valueOrDefault "" "d" }} {{ valueOrDefault 0 "d" }}', '{{ mustFromJson "{\\"a\\":[1,2]}" }} d 0'],
];

describe('Istio template functions agree with the Go they are built on (rendered by helm)', () => {
  const go = renderWithGo(
    EQUIVALENTS.map(([, helm]) => helm),
    VALUES,
  );
  if (!go) {
    test.skip('helm is not available, so there is no Go reference', () => undefined);
    return;
  }
  test.each(EQUIVALENTS.map(([istio], i) => [istio, go[i]]))('%s', (istio, expected) => {
    expect(run(istio)).toBe(expected);
  });
});

describe('Istio-only behaviour, from Istio 1.30.3 pkg/kube/inject/template.go', () => {
  test.each<[string, string, string]>([
    ['directory keeps the trailing slash (path.Split)', '{{ directory .Values.path }}|{{ directory "file" }}', '/etc/istio/proxy/|'],
    [
      'excludeInboundPort adds the port once, skipping blanks',
      '{{ excludeInboundPort 15020 "80, ,15021" }}|{{ excludeInboundPort "80" "80,81" }}|{{ excludeInboundPort 0 "1" }}',
      '80,15021,15020|80,81|1',
    ],
    ['isset looks a key up in a string map', '{{ isset .Labels "app" }} {{ isset .Labels "x" }} {{ isset nil "x" }}', 'true false false'],
    ['mergeMaps of nothing is a nil map, toJsonMap of nothing null', '{{ mergeMaps }} {{ toJsonMap }}', 'map[] null'],
    ['fromJSON of bad JSON is the string {}', '{{ fromJSON "{" }}', '{}'],
    ['omitNil drops nils and what they leave empty', '{{ omitNil .Values.nested | toJson }}', '{"a":[1,{"c":"x"}],"e":{}}'],
    ['formatDuration of nil is 0s', '{{ formatDuration nil }}', '0s'],
    ["env gives the default: istiod's environment is not there", '{{ env "HOME" "d" }}', 'd'],
    ['kubevirtInterfaces and excludeInterfaces pass text through', '{{ kubevirtInterfaces "a" }}{{ excludeInterfaces "b" }}', 'ab'],
    ['appendMultusNetwork adds the network once', '{{ appendMultusNetwork "macvlan" "ns/istio-cni" }}', 'macvlan, ns/istio-cni'],
  ])('%s', (_name, src, expected) => {
    expect(run(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['{{ isset .Values.labels "app" }}', 'wrong type for value; expected map[string]string; got map[string]interface {}'],
    ['{{ toJSON .Values.labels }}', 'wrong type for value; expected map[string]string; got map[string]interface {}'],
    ['{{ annotation .Values "a" "b" }}', 'wrong type for value; expected v1.ObjectMeta; got map[string]interface {}'],
    ['{{ applicationPorts .Values.nested.a }}', 'wrong type for value; expected []v1.Container; got []interface {}'],
    ['{{ indent "2" "x" }}', 'expected integer; found "2"'],
    ['{{ protoToJSON .Values }}', 'error calling protoToJSON: wrong type for value; expected protoreflect.ProtoMessage'],
    ['{{ formatDuration "90s" }}', 'can\'t handle "90s" for arg of type *durationpb.Duration'],
  ])('fails on %s as Go checks types', (src, reason) => {
    expect(() => run(src)).toThrow(TemplateError);
    expect(() => run(src)).toThrow(reason);
  });
});

describe('functions on the pod data', () => {
  const INPUT: TemplateInput = templateInput({
    values: {},
    mesh: { extensionProviders: [{ name: 'otel', opentelemetry: { serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } }] },
    proxyConfig: {
      discoveryAddress: 'istiod-canary.istio-system.svc:15012',
      drainDuration: '45s',
      terminationDrainDuration: '90.5s',
      discoveryRefreshDelay: '3600s',
      proxyMetadata: { B: '2', A: '1' },
      concurrency: 2,
    },
    meta: { name: 'web-1' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'example/app:1.2@sha256:abc',
          ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 9090 }],
        },
        { name: 'istio-proxy', ports: [{ containerPort: 15090 }] },
      ],
    },
    annotations: { 'sidecar.istio.io/logLevel': 'debug' },
  });
  const pod = (src: string): string => render(src, goTemplateInput(INPUT), { name: 't', funcs: FUNCTIONS });

  test.each<[string, string, string]>([
    [
      'annotation reads the pod annotation or prints the default',
      '{{ annotation .ObjectMeta "sidecar.istio.io/logLevel" "info" }} {{ annotation .ObjectMeta "x" 15 }}',
      'debug 15',
    ],
    ['applicationPorts skips istio-proxy and UDP ports', '{{ applicationPorts .Spec.Containers }}', '8080,9090'],
    ['includeInboundPorts keeps every container', '{{ includeInboundPorts .Spec.Containers }}', '8080,9090,15090'],
    [
      'structToJSON writes the Go struct under json keys',
      '{{ structToJSON (index .Spec.Containers 1) }}',
      '{"name":"istio-proxy","ports":[{"containerPort":15090}],"resources":{}}',
    ],
    ['structToJSON of a nil pointer is null', '{{ structToJSON (index .Spec.Containers 0).ReadinessProbe }}', 'null'],
    [
      'protoToJSON leaves out proxy config defaults (drainDuration) and writes fields in declaration order, map keys sorted',
      '{{ protoToJSON .ProxyConfig }}',
      '{"discoveryAddress":"istiod-canary.istio-system.svc:15012","discoveryRefreshDelay":"3600s","concurrency":2,"proxyMetadata":{"A":"1","B":"2"},"terminationDrainDuration":"90.500s"}',
    ],
    [
      'formatDuration prints a protobuf duration as time.Duration does',
      '{{ formatDuration .ProxyConfig.DrainDuration }} {{ formatDuration .ProxyConfig.TerminationDrainDuration }} {{ formatDuration .ProxyConfig.DiscoveryRefreshDelay }} {{ formatDuration .ProxyConfig.FileFlushInterval }}',
      '45s 1m30.5s 1h0m0s 0s',
    ],
    [
      'otelResourceAttributes follows the OpenTelemetry service attributes',
      '{{ otelResourceAttributes .MeshConfig .ObjectMeta.Annotations .ObjectMeta.Labels .DeploymentMeta.Namespace .Spec.Containers }}',
      'service.namespace=shop,service.instance.id=shop.$(POD_NAME).app',
    ],
  ])('%s', (_name, src, expected) => {
    expect(pod(src)).toBe(expected);
  });

  test('protoToJSON writes any message the template reaches, proxy configs without defaults, nil ones as {}', () => {
    const proxyConfig = { discoveryAddress: 'istiod:15012', drainDuration: '45s', tracing: { zipkin: { address: 'zipkin:9411' } } };
    const data = goTemplateInput(templateInput({ mesh: { defaultConfig: proxyConfig }, proxyConfig }));
    const src =
      '{{ protoToJSON .MeshConfig.DefaultConfig }}|{{ protoToJSON .ProxyConfig.Tracing }}|{{ protoToJSON .ProxyConfig.Tracing.TlsSettings }}';
    expect(render(src, data, { name: 't', funcs: FUNCTIONS })).toBe(
      '{"discoveryAddress":"istiod:15012","tracing":{"zipkin":{"address":"zipkin:9411"}}}|{"zipkin":{"address":"zipkin:9411"}}|{}',
    );
  });
});
