/** The ProxyConfig a pod gets: the mesh default config, then its `proxy.istio.io/config` annotation. */
import { parse } from 'yaml';
import { isRecord } from '../k8s/object';
import { proxyConfigDefaults } from '../../model/injection/mesh-config';
import { InjectionError } from './errors';
import { clone, type Tree } from './tree';

const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
const DURATION_FIELDS = ['drainDuration', 'terminationDrainDuration', 'parentShutdownDuration'];
/** Wrapper-typed fields: an explicit false or 0 is still a set value. */
const WRAPPER_FIELDS = new Set(['holdApplicationUntilProxyStarts', 'concurrency']);
const ENUM_ZERO: Record<string, string> = { interceptionMode: 'REDIRECT', controlPlaneAuthPolicy: 'NONE' };

/** The mesh config with the pod's proxy config annotation applied to `defaultConfig`. */
export function meshForPod(mesh: Tree, annotations: Record<string, string>): Tree {
  const text = annotations[PROXY_CONFIG_ANNOTATION];
  if (text === undefined) return mesh;
  let overlay: unknown;
  try {
    overlay = parse(text);
  } catch (e) {
    throw new InjectionError(`could not parse proxy config: ${(e as Error).message.split('\n')[0]}`, undefined, PROXY_CONFIG_ANNOTATION);
  }
  if (overlay === null || overlay === undefined) return mesh;
  if (!isRecord(overlay)) {
    throw new InjectionError(
      `could not parse proxy config: ${PROXY_CONFIG_ANNOTATION} must be a map of ProxyConfig fields`,
      undefined,
      PROXY_CONFIG_ANNOTATION,
    );
  }
  const base = isRecord(mesh.defaultConfig) ? clone(mesh.defaultConfig) : {};
  const merged = mergeProto(base, overlay);
  return { ...mesh, defaultConfig: merged };
}

/** Protobuf-style merge: messages merge, maps add entries, repeated fields and scalars replace. */
function mergeProto(base: Tree, overlay: Tree): Tree {
  for (const [key, value] of Object.entries(overlay)) {
    if (isRecord(value) && isRecord(base[key])) base[key] = mergeProto(base[key] as Tree, value);
    else base[key] = clone(value);
  }
  return base;
}

/** The PROXY_CONFIG env value: the config as JSON, leaving out fields equal to the built-in defaults. */
export function proxyConfigJson(proxyConfig: Tree): string {
  const defaults = proxyConfigDefaults();
  const out: Tree = {};
  for (const [key, raw] of Object.entries(proxyConfig)) {
    const value = DURATION_FIELDS.includes(key) ? normalizeDuration(raw) : raw;
    if (value === null || value === undefined) continue;
    if (key in defaults && sameValue(value, DURATION_FIELDS.includes(key) ? normalizeDuration(defaults[key]) : defaults[key])) continue;
    if (!WRAPPER_FIELDS.has(key) && (value === '' || value === 0 || value === false)) continue;
    if (ENUM_ZERO[key] === value) continue;
    if (key === 'proxyMetadata' && isRecord(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return JSON.stringify(out);
}

/** Protobuf JSON form of a duration: seconds with 0, 3, 6 or 9 fractional digits. */
export function normalizeDuration(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const seconds = parseGoDuration(value);
  if (seconds === undefined) return value;
  const nanos = Math.round(seconds * 1e9);
  const whole = Math.trunc(nanos / 1e9);
  const frac = Math.abs(nanos % 1e9);
  if (frac === 0) return `${whole}s`;
  let digits = String(frac).padStart(9, '0');
  if (digits.endsWith('000000')) digits = digits.slice(0, 3);
  else if (digits.endsWith('000')) digits = digits.slice(0, 6);
  return `${whole}.${digits}s`;
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

function parseGoDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 ? total : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The proxy config's interception mode; unset is the enum's zero, REDIRECT. */
export function proxyInterception(proxyConfig: Tree): string {
  return typeof proxyConfig.interceptionMode === 'string' && proxyConfig.interceptionMode !== ''
    ? proxyConfig.interceptionMode
    : 'REDIRECT';
}
