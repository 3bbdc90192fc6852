/** Proxy resources: the pod's sidecar.istio.io/proxy{CPU,Memory}[Limit] annotations, else the values. */
import { isRecord } from '../k8s/object';
import { type TemplateInput, value } from './context';
import { clone, type Tree } from './tree';

const REQUEST_ANNOTATIONS = { cpu: 'sidecar.istio.io/proxyCPU', memory: 'sidecar.istio.io/proxyMemory' };
const LIMIT_ANNOTATIONS = { cpu: 'sidecar.istio.io/proxyCPULimit', memory: 'sidecar.istio.io/proxyMemoryLimit' };

/** The resources block of the proxy (and init) container, or undefined for none. */
export function proxyResources(input: TemplateInput): Tree | undefined {
  const requests = fromAnnotations(input, REQUEST_ANNOTATIONS);
  const limits = fromAnnotations(input, LIMIT_ANNOTATIONS);
  if (requests || limits) {
    const out: Tree = {};
    if (requests) out.requests = requests;
    if (limits) out.limits = limits;
    return out;
  }
  const configured = value(input, 'global.proxy.resources');
  if (!isRecord(configured)) return undefined;
  const pruned = omitNil(configured);
  return isRecord(pruned) ? pruned : undefined;
}

function fromAnnotations(input: TemplateInput, names: { cpu: string; memory: string }): Tree | undefined {
  const out: Tree = {};
  const cpu = input.annotations[names.cpu];
  const memory = input.annotations[names.memory];
  if (cpu !== undefined) out.cpu = cpu;
  if (memory !== undefined) out.memory = memory;
  return cpu !== undefined || memory !== undefined ? out : undefined;
}

/** Drops nulls recursively; maps and lists that end up empty become null too. */
export function omitNil(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const out = v.map(omitNil).filter((x) => x !== undefined);
    return out.length === 0 && v.length > 0 ? undefined : out;
  }
  if (isRecord(v)) {
    const out: Tree = {};
    for (const [k, x] of Object.entries(v)) {
      const kept = omitNil(x);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length === 0 && Object.keys(v).length > 0 ? undefined : out;
  }
  return clone(v);
}
