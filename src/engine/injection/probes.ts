/**
 * App probe rewriting: kubelet probes the agent's status port instead of the app (mTLS would reject it);
 * the agent learns the original probes from ISTIO_KUBE_APP_PROBERS and forwards them.
 */
import { isRecord } from '../k8s/object';
import { containerList, findContainer } from './pod';
import { parseBool } from './prometheus';
import { clone, type Tree } from './tree';

const PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';

interface ProbeSlot {
  readonly field: string;
  readonly lifecycle: boolean;
  readonly url: (container: string) => string;
}

const SLOTS: readonly ProbeSlot[] = [
  { field: 'readinessProbe', lifecycle: false, url: (c) => `/app-health/${c}/readyz` },
  { field: 'livenessProbe', lifecycle: false, url: (c) => `/app-health/${c}/livez` },
  { field: 'startupProbe', lifecycle: false, url: (c) => `/app-health/${c}/startupz` },
  { field: 'preStop', lifecycle: true, url: (c) => `/app-lifecycle/${c}/prestopz` },
  { field: 'postStart', lifecycle: true, url: (c) => `/app-lifecycle/${c}/poststartz` },
];

export function shouldRewriteProbes(annotations: Record<string, string>, setting: boolean): boolean {
  const annotated = annotations['sidecar.istio.io/rewriteAppHTTPProbers'];
  const parsed = annotated === undefined ? undefined : parseBool(annotated);
  return parsed ?? setting;
}

/** Records the app probes on the proxy and points them at the status port. No-op without an istio-proxy container. */
export function applyProbeRewrite(pod: Tree, meshStatusPort: number, setting: boolean): void {
  const sidecar = findContainer(pod, 'istio-proxy');
  if (!sidecar) return;
  const annotations = (pod.metadata as Tree).annotations as Record<string, string>;
  if (!shouldRewriteProbes(annotations, setting)) return;
  const spec = pod.spec as Tree;
  const probers = dumpProbers(spec, meshStatusPort);
  if (probers !== undefined) {
    const env = Array.isArray(sidecar.env) ? (sidecar.env as Tree[]) : [];
    sidecar.env = mergeProbersEnv(env, probers, annotations['sidecar.istio.io/status'] !== undefined);
  }
  let port = meshStatusPort;
  const annotated = annotations['status.sidecar.istio.io/port'];
  if (annotated !== undefined) port = /^[+-]?\d+$/.test(annotated) ? Number(annotated) : 0;
  for (const field of ['containers', 'initContainers'] as const) {
    for (const c of containerList(spec, field)) if (c.name !== 'istio-proxy') rewriteContainer(c, port);
  }
}

function mergeProbersEnv(env: Tree[], probers: Tree, previouslyInjected: boolean): Tree[] {
  const existing = previouslyInjected ? env.findIndex((e) => e.name === PROBERS_ENV) : -1;
  if (existing < 0) return [...env, { name: PROBERS_ENV, value: JSON.stringify(sortKeys(probers)) }];
  let old: unknown;
  try {
    old = JSON.parse(String(env[existing].value ?? ''));
  } catch {
    return env;
  }
  const merged = { ...probers, ...(isRecord(old) ? old : {}) };
  const out = env.slice();
  out[existing] = { name: PROBERS_ENV, value: JSON.stringify(sortKeys(merged)) };
  return out;
}

function sortKeys(map: Tree): Tree {
  const out: Tree = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}

/** The original probes by their new URL; named ports resolved; probes already on the status port left out. */
function dumpProbers(spec: Tree, statusPort: number): Tree | undefined {
  const out: Tree = {};
  for (const c of [...containerList(spec, 'initContainers'), ...containerList(spec, 'containers')]) {
    if (c.name === 'istio-proxy') continue;
    const name = String(c.name ?? '');
    const ports = new Map<string, unknown>();
    for (const p of Array.isArray(c.ports) ? c.ports : []) {
      if (isRecord(p) && typeof p.name === 'string' && p.name !== '') ports.set(p.name, p.containerPort);
    }
    for (const slot of SLOTS) {
      const source = slot.lifecycle ? (isRecord(c.lifecycle) ? c.lifecycle[slot.field] : undefined) : c[slot.field];
      const prober = toProber(source, slot.lifecycle);
      const resolved = prober && resolvePort(prober, ports, statusPort);
      if (resolved) out[slot.url(name)] = resolved;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toProber(probe: unknown, lifecycle: boolean): Tree | undefined {
  if (!isRecord(probe)) return undefined;
  const timeout =
    !lifecycle && typeof probe.timeoutSeconds === 'number' && probe.timeoutSeconds !== 0 ? { timeoutSeconds: probe.timeoutSeconds } : {};
  if (isRecord(probe.httpGet)) return { httpGet: clone(probe.httpGet), ...timeout };
  if (isRecord(probe.tcpSocket)) return { tcpSocket: clone(probe.tcpSocket), ...timeout };
  if (!lifecycle && isRecord(probe.grpc)) return { grpc: clone(probe.grpc), ...timeout };
  return undefined;
}

function resolvePort(prober: Tree, ports: Map<string, unknown>, statusPort: number): Tree | undefined {
  if (prober.grpc) return prober;
  const action = (prober.httpGet ?? prober.tcpSocket) as Tree;
  if (typeof action.port === 'string') {
    if (!ports.has(action.port)) return undefined;
    action.port = ports.get(action.port);
  } else if (action.port === statusPort) {
    return undefined;
  }
  return prober;
}

function rewriteContainer(c: Tree, port: number): void {
  const name = String(c.name ?? '');
  for (const slot of SLOTS) {
    const holder = slot.lifecycle ? c.lifecycle : c;
    if (!isRecord(holder)) continue;
    const probe = holder[slot.field];
    if (!isRecord(probe)) continue;
    const url = slot.url(name);
    if (isRecord(probe.httpGet)) {
      holder[slot.field] = { ...probe, httpGet: rewriteAction(probe.httpGet, url, port) };
    } else if (isRecord(probe.tcpSocket) || (!slot.lifecycle && isRecord(probe.grpc))) {
      const { tcpSocket: _t, grpc: _g, ...rest } = probe;
      holder[slot.field] = { ...rest, httpGet: rewriteAction({}, url, port) };
    }
  }
}

function rewriteAction(action: Tree, path: string, port: number): Tree {
  const out: Tree = { ...action, path, port };
  if (out.scheme === 'HTTPS') out.scheme = 'HTTP';
  return out;
}
