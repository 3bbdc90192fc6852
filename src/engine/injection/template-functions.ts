/** The helper functions Istio adds to injection templates, for templates given in values. */
import { stringify } from 'yaml';
import { isRecord } from '../k8s/object';
import { appendMultusNetwork } from './annotations';
import { excludeInboundPorts } from './init';
import { proxyConfigJson } from './proxy-config';
import { omitNil } from './resources';
import { goString, type Tree } from './tree';

type Fn = (...args: any[]) => unknown;

/** The JSON-named proxy config behind each Go-shaped one handed to a template, for protoToJSON. */
const proxyConfigs = new WeakMap<object, Tree>();

export function registerProxyConfig(goShaped: object, json: Tree): void {
  proxyConfigs.set(goShaped, json);
}

export const TEMPLATE_FUNCTIONS: Record<string, Fn> = {
  annotation: (meta: unknown, name: string, fallback: unknown) => {
    const annotations = isRecord(meta) && isRecord(meta.Annotations) ? meta.Annotations : {};
    return name in annotations ? goString(annotations[name]) : goString(fallback);
  },
  isset: (m: unknown, key: string) => isRecord(m) && key in m,
  valueOrDefault: (v: unknown, d: unknown) => (v === '' || v === null || v === undefined ? d : v),
  excludeInboundPort: (port: unknown, excluded: string) => excludeInboundPorts(goString(port), excluded),
  includeInboundPorts: (containers: unknown) => containerPorts(containers, () => true),
  applicationPorts: (containers: unknown) => containerPorts(containers, (c) => c.Name !== 'istio-proxy'),
  kubevirtInterfaces: (s: string) => s,
  excludeInterfaces: (s: string) => s,
  toJSON: (m: unknown) => (m === null || m === undefined ? '{}' : JSON.stringify(m)),
  fromJSON: (s: string) => {
    try {
      return JSON.parse(s);
    } catch {
      return '{}';
    }
  },
  structToJSON: (v: unknown) => (v === null || v === undefined ? '{}' : JSON.stringify(jsonShaped(v))),
  protoToJSON: (v: unknown) => (isRecord(v) ? proxyConfigJson(proxyConfigs.get(v) ?? (jsonShaped(v) as Tree)) : '{}'),
  toYaml: (v: unknown) => (v === undefined || v === null ? 'null\n' : stringify(v, { lineWidth: 0 })),
  indent: (spaces: number, text: string) =>
    text
      .split('\n')
      .map((line, i) => (i > 0 ? ' '.repeat(spaces) + line : line))
      .join('\n'),
  directory: (p: string) => p.slice(0, p.lastIndexOf('/') + 1),
  contains: (needle: string, haystack: string) => String(haystack).includes(String(needle)),
  toLower: (s: string) => String(s).toLowerCase(),
  appendMultusNetwork: (existing: unknown, network: string) => appendMultusNetwork(typeof existing === 'string' ? existing : '', network),
  env: (_key: string, fallback: string) => fallback,
  omit: (dict: Record<string, string>, ...keys: string[]) =>
    Object.fromEntries(Object.entries(dict ?? {}).filter(([k]) => !keys.includes(k))),
  strdict: (...kv: string[]) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < kv.length; i += 2) out[kv[i]] = kv[i + 1] ?? '';
    return out;
  },
  mergeMaps: (...maps: Record<string, string>[]) => Object.assign({}, ...maps),
  toJsonMap: (...maps: Record<string, string>[]) => JSON.stringify(Object.assign({}, ...maps)),
  omitNil: (v: unknown) => omitNil(v) ?? null,
  formatDuration: (d: unknown) => goString(d),
};

function containerPorts(containers: unknown, include: (c: Tree) => boolean): string {
  const out: string[] = [];
  for (const c of Array.isArray(containers) ? containers : []) {
    if (!isRecord(c) || !include(c)) continue;
    for (const p of Array.isArray(c.Ports) ? c.Ports : []) {
      if (isRecord(p) && p.Protocol !== 'UDP' && p.Protocol !== 'SCTP') out.push(String(p.ContainerPort ?? 0));
    }
  }
  return out.join(',');
}

/** Back to JSON field names (lower-case first letter), for structToJSON of a Go-shaped value. */
function jsonShaped(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonShaped);
  if (!isRecord(v)) return v;
  const out: Tree = {};
  for (const [k, x] of Object.entries(v))
    out[/^[A-Z]+$/.test(k) ? k.toLowerCase() : k.charAt(0).toLowerCase() + k.slice(1)] = jsonShaped(x);
  return out;
}
