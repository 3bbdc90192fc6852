import { type GoStruct, marshalJSON, render, SPRIG_FUNCTIONS } from '../../../src/engine/gotemplate';
import { protoJSONText, protoMessage, protoMessageOf } from '../../../src/engine/injection/proto-types';

const proxy = protoMessage('ProxyConfig', {
  discoveryAddress: 'istiod:15012',
  interceptionMode: 'TPROXY',
  drainDuration: '45.5s',
  concurrency: 2,
  holdApplicationUntilProxyStarts: true,
  proxyMetadata: { A: '1' },
  serviceCluster: 'web',
  tracing: { zipkin: { address: 'zipkin:9411' } },
});
const empty = protoMessage('ProxyConfig', {});
const run = (src: string, data: unknown = { P: proxy, E: empty }): string => render(src, data, { name: 't', funcs: SPRIG_FUNCTIONS });

describe('protobuf messages as Go structs', () => {
  test.each<[string, string, string]>([
    ['fields by Go name', '{{ .P.DiscoveryAddress }} {{ .P.ProxyMetadata.A }}', 'istiod:15012 1'],
    [
      'unset fields as zero values',
      '[{{ .E.DiscoveryAddress }}] {{ .E.StatusPort }} {{ index .E.ProxyMetadata "x" | quote }} {{ .E.Tracing }}',
      '[] 0 "" <nil>',
    ],
    [
      'enums by name, with String and false when zero',
      '{{ .P.InterceptionMode }} {{ .P.InterceptionMode.String }} {{ if .E.InterceptionMode }}set{{ else }}{{ .E.InterceptionMode }}{{ end }}',
      'TPROXY TPROXY REDIRECT',
    ],
    [
      'wrappers and durations as messages',
      '{{ .P.HoldApplicationUntilProxyStarts.GetValue }} {{ .P.Concurrency.Value }} {{ .P.DrainDuration.Seconds }} {{ .P.DrainDuration.Nanos }}',
      'true 2 45 500000000',
    ],
    [
      'getters, also on nil messages',
      '{{ .P.GetTracing.GetZipkin.GetAddress }} [{{ .E.GetTracing.GetZipkin.GetAddress }}] {{ .E.HoldApplicationUntilProxyStarts.GetValue }}',
      'zipkin:9411 [] false',
    ],
    [
      'a oneof as the variant set, with getters for each variant',
      '{{ .P.ClusterName.ServiceCluster }} {{ .P.GetServiceCluster }} {{ .P.GetTracingServiceName }} {{ .E.ClusterName }}',
      'web web APP_LABEL_AND_NAMESPACE <nil>',
    ],
    [
      'type names',
      '{{ printf "%T %T %T" .P .P.InterceptionMode .P.DrainDuration }}',
      '*v1alpha1.ProxyConfig v1alpha1.ProxyConfig_InboundInterceptionMode *durationpb.Duration',
    ],
  ])('reads %s', (_name, src, expected) => {
    expect(run(src)).toBe(expected);
  });

  test('refuses a field the message lacks, as Go does', () => {
    expect(() => run('{{ with .P }}{{ .Nope }}{{ end }}', { P: proxy })).toThrow("can't evaluate field Nope in type *v1alpha1.ProxyConfig");
  });

  test("marshals with encoding/json under the Go structs' json tags, enums as numbers", () => {
    const tracing = (proxy.elem as GoStruct).lookup('Tracing').value;
    expect(marshalJSON(tracing)).toBe('{"Tracer":{"Zipkin":{"address":"zipkin:9411"}}}');
    expect(marshalJSON((proxy.elem as GoStruct).lookup('InterceptionMode').value)).toBe('1');
  });

  test('finds the message and its JSON behind any pointer to a message, nil ones included', () => {
    const field = (name: string): unknown => (proxy.elem as GoStruct).lookup(name).value;
    expect(protoMessageOf(proxy)).toEqual({ name: 'ProxyConfig', json: expect.objectContaining({ discoveryAddress: 'istiod:15012' }) });
    expect(protoMessageOf(field('Tracing'))).toEqual({ name: 'Tracing', json: { zipkin: { address: 'zipkin:9411' } } });
    expect(protoMessageOf(field('Sds'))).toEqual({ name: 'SDS', json: undefined });
    expect(protoMessageOf(field('ProxyMetadata'))).toBeUndefined();
    expect(protoMessageOf({ discoveryAddress: 'x' })).toBeUndefined();
  });

  test('writes protobuf JSON in declaration order with sorted map keys', () => {
    expect(protoJSONText('ProxyConfig', { proxyMetadata: { b: '2', a: '1' }, unknown: 1, discoveryAddress: 'x' })).toBe(
      '{"discoveryAddress":"x","proxyMetadata":{"a":"1","b":"2"},"unknown":1}',
    );
  });
});
