/**
 * The helper functions Istio adds to injection templates (its InjectionFuncmap), for templates given in
 * values, with the Go parameter types Istio declares: `isset` wants a map[string]string, `annotation` a
 * v1.ObjectMeta, and a mismatch fails as Go fails it.
 */
import {
  GoPointer,
  GoStruct,
  goLower,
  goTypeName,
  goYaml,
  intArg,
  mapArg,
  markOf,
  markType,
  marshalJSON,
  sliceArg,
  sprint,
  stringArg as str,
  structArg,
  type TemplateFunction,
  unmarshalJSON,
  withParams,
} from '../gotemplate';
import { isRecord } from '../k8s/object';
import { appendMultusNetwork } from './annotations';
import { excludeInboundPorts } from './init';
import { proxyConfigJson } from './proxy-config';
import { protoJSONText, protoMessageOf } from './proto-types';

const ANY = 'interface {}';
const STRING_MAP = 'map[string]string';
const CONTAINERS = '[]v1.Container';
const OBJECT_META = 'v1.ObjectMeta';

function stringMap(entries: Record<string, unknown>): Record<string, string> {
  return markType(entries as Record<string, string>, { name: STRING_MAP, zero: '' });
}

/** formatDuration: a protobuf Duration as Go's time.Duration prints it ("1m30.5s"); a nil one is 0s. */
function goDuration(d: unknown): string {
  const duration = d instanceof GoPointer ? d.elem : undefined;
  if (!(duration instanceof GoStruct)) return '0s';
  const [seconds, nanos] = duration.values.map((v) => BigInt(Number(v)));
  const total = seconds * 1_000_000_000n + nanos;
  if (total === 0n) return '0s';
  const sign = total < 0n ? '-' : '';
  const abs = total < 0n ? -total : total;
  const fraction = (n: bigint, digits: number): string => {
    const text = (n % 10n ** BigInt(digits)).toString().padStart(digits, '0').replace(/0+$/, '');
    return text === '' ? '' : `.${text}`;
  };
  if (abs < 1_000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000n) return `${sign}${abs / 1_000n}${fraction(abs, 3)}µs`;
  if (abs < 1_000_000_000n) return `${sign}${abs / 1_000_000n}${fraction(abs, 6)}ms`;
  const secs = abs / 1_000_000_000n;
  const [h, min, sec] = [secs / 3600n, (secs / 60n) % 60n, secs % 60n];
  const head = h > 0n ? `${h}h${min}m` : min > 0n ? `${min}m` : '';
  return `${sign}${head}${sec}${fraction(abs, 9)}s`;
}

/** A field of a Go struct value (the functions get structs, as Istio's Go functions do). */
function field(s: unknown, name: string): unknown {
  return s instanceof GoStruct ? s.lookup(name).value : undefined;
}

/** Ports of the containers `include` accepts, UDP and SCTP left out, as "80,8080". */
function containerPorts(containers: unknown, include: (c: unknown) => boolean): string {
  const out: string[] = [];
  for (const c of sliceArg(containers, CONTAINERS)) {
    if (!include(c)) continue;
    for (const p of (field(c, 'Ports') as unknown[] | undefined) ?? []) {
      const protocol = field(p, 'Protocol');
      if (protocol !== 'UDP' && protocol !== 'SCTP') out.push(sprint([field(p, 'ContainerPort')]));
    }
  }
  return out.join(',');
}

/** json.Marshal, or the fallback Istio logs and returns when marshalling fails. */
function jsonOr(v: unknown, fallback: string): string {
  try {
    return marshalJSON(v);
  } catch {
    return fallback;
  }
}

/** Istio's omitNil: nils dropped from map[string]interface {} and []interface {} values, and what they empty. */
function omitNil(v: unknown): unknown {
  return omitNilInternal(v).value;
}

function omitNilInternal(v: unknown): { value: unknown; changed: boolean } {
  if (v === null || v === undefined) return { value: null, changed: true };
  // Only map[string]interface {} and []interface {} are walked; typed values stay as they are.
  const untyped = typeof v === 'object' && !(v instanceof GoStruct || v instanceof GoPointer) && !markOf(v);
  if (!untyped) return { value: v, changed: false };
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  if (!entries.some(([, x]) => omitNilInternal(x).changed)) return { value: v, changed: false };
  const kept = entries.map(([k, x]): [string, unknown] => [k, omitNil(x)]).filter(([, x]) => x !== null);
  if (kept.length === 0) return { value: null, changed: true };
  return { value: Array.isArray(v) ? kept.map(([, x]) => x) : Object.fromEntries(kept), changed: true };
}

/** Istio's mergeMaps: later maps win; no maps at all is a nil map. */
function mergeMaps(maps: unknown[]): Record<string, string> {
  if (maps.length === 0) return markType({}, { name: STRING_MAP, zero: '', nil: true });
  return stringMap(Object.assign({}, ...maps.map((m) => mapArg(m, STRING_MAP))));
}

/** OTEL_RESOURCE_ATTRIBUTES when a tracing provider asks for OpenTelemetry semantic conventions, else ''. */
function otelResourceAttributes(mesh: unknown, annotations: unknown, labels: unknown, namespace: unknown, containers: unknown): string {
  const json = protoMessageOf(mesh)?.json ?? {};
  const providers = Array.isArray(json.extensionProviders) ? json.extensionProviders : [];
  const enriched = providers.some(
    (p) => isRecord(p) && isRecord(p.opentelemetry) && p.opentelemetry.serviceAttributeEnrichment === 'OTEL_SEMANTIC_CONVENTIONS',
  );
  if (!enriched) return '';
  const [a, l, ns, list] = [mapArg(annotations, STRING_MAP), mapArg(labels, STRING_MAP), str(namespace), sliceArg(containers, CONTAINERS)];
  const first = (m: Record<string, unknown>, key: string): string => (typeof m[key] === 'string' ? m[key] : '');
  const attrs: string[] = [];
  const namespaceAttr = first(a, 'resource.opentelemetry.io/service.namespace') || ns;
  if (namespaceAttr !== '') attrs.push(`service.namespace=${namespaceAttr}`);
  const version =
    first(a, 'resource.opentelemetry.io/service.version') ||
    first(l, 'app.kubernetes.io/version') ||
    (list.length === 1 ? imageVersion(String(field(list[0], 'Image'))) : '');
  if (version !== '') attrs.push(`service.version=${version}`);
  const instance = first(a, 'resource.opentelemetry.io/service.instance.id');
  if (instance !== '') attrs.push(`service.instance.id=${instance}`);
  else if (list.length > 0) attrs.push(`service.instance.id=${ns}.$(POD_NAME).${String(field(list[0], 'Name'))}`);
  return attrs.join(',');
}

/** `tag@digest`, `digest` or `tag` of an image reference. */
function imageVersion(image: string): string {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : '';
  return tag && digest ? `${tag}@${digest}` : digest || tag;
}

const p = withParams;

export const TEMPLATE_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  formatDuration: p((d: unknown) => goDuration(d), ['*durationpb.Duration']),
  isset: p((m: unknown, key: unknown) => Object.hasOwn(mapArg(m, STRING_MAP), str(key)), [STRING_MAP, 'string']),
  excludeInboundPort: p((port: unknown, excluded: unknown) => excludeInboundPorts(sprint([port]), str(excluded)), [ANY, 'string']),
  includeInboundPorts: p((containers: unknown) => containerPorts(containers, () => true), [CONTAINERS]),
  kubevirtInterfaces: p((s: unknown) => str(s), ['string']),
  excludeInterfaces: p((s: unknown) => str(s), ['string']),
  applicationPorts: p((containers: unknown) => containerPorts(containers, (c) => field(c, 'Name') !== 'istio-proxy'), [CONTAINERS]),
  annotation: p(
    (meta: unknown, name: unknown, fallback: unknown) => {
      const annotations = mapArg(field(structArg(meta, OBJECT_META), 'Annotations'), STRING_MAP);
      return Object.hasOwn(annotations, str(name)) ? annotations[str(name)] : sprint([fallback]);
    },
    [OBJECT_META, 'string', ANY],
  ),
  valueOrDefault: p((v: unknown, d: unknown) => (v === '' || v === null || v === undefined ? d : v), [ANY, ANY]),
  toJSON: p((m: unknown) => (m === null || (isRecord(m) && markOf(m)?.nil) ? '{}' : jsonOr(mapArg(m, STRING_MAP), '{}')), [STRING_MAP]),
  fromJSON: p(
    (s: unknown) => {
      try {
        return unmarshalJSON(str(s));
      } catch {
        return '{}';
      }
    },
    ['string'],
  ),
  structToJSON: p((v: unknown) => (v === null || v === undefined ? '{}' : jsonOr(v, '{}')), [ANY]),
  protoToJSON: p(
    (v: unknown) => {
      if (v === null || v === undefined) return '{}';
      const message = protoMessageOf(v);
      if (!message) throw new Error(`wrong type for value; expected protoreflect.ProtoMessage; got ${goTypeName(v)}`);
      if (message.json === undefined) return '{}';
      // Istio drops a proxy config's defaults first (proxyConfigJson), then writes protobuf JSON.
      const json = message.name === 'ProxyConfig' ? (JSON.parse(proxyConfigJson(message.json)) as Record<string, unknown>) : message.json;
      return protoJSONText(message.name, json);
    },
    [ANY],
  ),
  toYaml: p(
    (v: unknown) => {
      try {
        return goYaml(v);
      } catch {
        return '';
      }
    },
    [ANY],
  ),
  indent: p(
    (spaces: unknown, source: unknown) => {
      // Istio pads with fmt's "% Ns", which takes the width's absolute value.
      const pad = ' '.repeat(Math.abs(intArg(spaces)));
      return str(source)
        .split('\n')
        .map((line, i) => (i > 0 ? pad + line : line))
        .join('\n');
    },
    ['int', 'string'],
  ),
  directory: p((path: unknown) => str(path).slice(0, str(path).lastIndexOf('/') + 1), ['string']),
  contains: p((needle: unknown, haystack: unknown) => str(haystack).includes(str(needle)), ['string', 'string']),
  toLower: p((s: unknown) => goLower(str(s)), ['string']),
  appendMultusNetwork: p((existing: unknown, network: unknown) => appendMultusNetwork(str(existing), str(network)), ['string', 'string']),
  // istiod reads its own environment; offline there is none, so the default is what templates get.
  env: p((_key: unknown, fallback: unknown) => str(fallback), ['string', 'string']),
  omit: p(
    (dict: unknown, ...keys: unknown[]) => {
      const drop = new Set(keys.map((k) => str(k)));
      return stringMap(Object.fromEntries(Object.entries(mapArg(dict, STRING_MAP)).filter(([k]) => !drop.has(k))));
    },
    [STRING_MAP],
    'string',
  ),
  strdict: p(
    (...kv: unknown[]) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < kv.length; i += 2) out[str(kv[i])] = i + 1 < kv.length ? str(kv[i + 1]) : '';
      return stringMap(out);
    },
    [],
    'string',
  ),
  toJsonMap: p((...maps: unknown[]) => jsonOr(mergeMaps(maps), ''), [], STRING_MAP),
  mergeMaps: p((...maps: unknown[]) => mergeMaps(maps), [], STRING_MAP),
  omitNil: p(omitNil, [ANY]),
  otelResourceAttributes: p(otelResourceAttributes, ['*v1alpha1.MeshConfig', STRING_MAP, STRING_MAP, 'string', CONTAINERS]),
};
