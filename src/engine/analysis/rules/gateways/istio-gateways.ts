/** Reading Istio Gateways (networking.istio.io) and the gateway pods they select, for the gateway rules. */
import { isRecord } from '../../../k8s/object';
import { type ObjectIndex, type Selector, type Workload } from '../../index-objects';
import { type SourcedObject } from '../../rule';
import { stringMap } from '../../workloads';

const NETWORKING_GROUP = 'networking.istio.io';
/** istiod's switch that limits a Gateway's selector to pods of the Gateway's own namespace. */
const SCOPE_TO_NAMESPACE_ENV = 'PILOT_SCOPE_GATEWAY_TO_NAMESPACE';

export interface GatewayServer {
  readonly port?: number;
  readonly protocol?: string;
  readonly hosts: readonly string[];
  readonly bind: string;
  readonly tls?: Readonly<Record<string, unknown>>;
  /** "server 'https'" or "server #2", for messages. */
  readonly label: string;
}

export interface IndexedGateway {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly name: string;
  /** `spec.selector`; empty when absent. */
  readonly selector: Selector;
  readonly servers: readonly GatewayServer[];
}

/** Every Istio Gateway of the input, in input order. */
export function istioGateways(index: ObjectIndex): readonly IndexedGateway[] {
  return index.derived('gateways.istio', () =>
    index.byKind('Gateway', NETWORKING_GROUP).map((entry) => {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const servers: unknown[] = Array.isArray(spec.servers) ? spec.servers : [];
      return {
        entry,
        namespace: entry.object.metadata.namespace ?? 'default',
        name: entry.object.metadata.name ?? '<unnamed>',
        selector: stringMap(spec.selector),
        servers: servers.filter(isRecord).map(toServer),
      };
    }),
  );
}

/** The Istio Gateway `namespace/name`, when it is in the input. */
export function istioGateway(index: ObjectIndex, namespace: string, name: string): IndexedGateway | undefined {
  const byName = index.derived('gateways.istioByName', (idx) => new Map(istioGateways(idx).map((g) => [`${g.namespace}/${g.name}`, g])));
  return byName.get(`${namespace}/${name}`);
}

export interface GatewayReference {
  /** As written in `gateways`. */
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * The Istio Gateways a VirtualService binds to: `<namespace>/<name>`, a bare name meaning the VirtualService's
 * namespace. `mesh` (the sidecars) and Istio's internal names of Gateway API gateways (with `~`) are left out.
 */
export function gatewayReferences(virtualService: SourcedObject): GatewayReference[] {
  const spec = isRecord(virtualService.object.spec) ? virtualService.object.spec : {};
  const gateways: unknown[] = Array.isArray(spec.gateways) ? spec.gateways : [];
  const namespace = virtualService.object.metadata.namespace ?? 'default';
  return gateways
    .map(String)
    .filter((ref) => ref !== 'mesh' && !ref.includes('~'))
    .map((ref) => {
      const slash = ref.indexOf('/');
      return slash < 0 ? { ref, namespace, name: ref } : { ref, namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
    });
}

function toServer(raw: Record<string, unknown>, i: number): GatewayServer {
  const port = isRecord(raw.port) ? raw.port : {};
  const number = Number(port.number);
  return {
    ...(Number.isInteger(number) && number > 0 ? { port: number } : {}),
    ...(typeof port.protocol === 'string' ? { protocol: port.protocol.toUpperCase() } : {}),
    hosts: Array.isArray(raw.hosts) ? raw.hosts.map(String) : [],
    bind: typeof raw.bind === 'string' ? raw.bind : '',
    ...(isRecord(raw.tls) ? { tls: raw.tls } : {}),
    label: typeof raw.name === 'string' && raw.name ? `server '${raw.name}'` : `server #${i + 1}`,
  };
}

/** `k=v,k2=v2` (sorted keys), the selector as Istio prints it. */
export function selectorText(selector: Selector): string {
  return Object.keys(selector)
    .sort()
    .map((k) => `${k}=${selector[k]}`)
    .join(',');
}

/**
 * True when an istiod of the input sets PILOT_SCOPE_GATEWAY_TO_NAMESPACE=true: Gateways then select pods of their
 * own namespace only. Without it Istio matches gateway pods in every namespace.
 */
export function scopedToNamespace(index: ObjectIndex): boolean {
  return index.derived('gateways.scoped', () =>
    index.workloads
      .filter((w) => w.podLabels.app === 'istiod')
      .some((w) => w.containers.some((c) => envValue(w, c.name, SCOPE_TO_NAMESPACE_ENV) === 'true')),
  );
}

function envValue(workload: Workload, container: string, name: string): string | undefined {
  const containers: unknown[] = Array.isArray(workload.podSpec.containers) ? workload.podSpec.containers : [];
  const c = containers.filter(isRecord).find((x) => x.name === container);
  const env: unknown[] = c && Array.isArray(c.env) ? c.env : [];
  const hit = env.filter(isRecord).find((e) => e.name === name);
  return hit && typeof hit.value === 'string' ? hit.value : undefined;
}

/** The workloads (gateway pods) a Gateway's selector matches; none for a Gateway without selector. */
export function gatewayPods(index: ObjectIndex, gateway: IndexedGateway): readonly Workload[] {
  const all = index.derived('gateways.pods', (idx) => {
    const scoped = scopedToNamespace(idx);
    const namespaces = idx.namespaceNames();
    // Many Gateways share one selector: match each selector (per namespace when scoped) once.
    const bySelector = new Map<string, readonly Workload[]>();
    return new Map(
      istioGateways(idx).map((gw) => {
        if (Object.keys(gw.selector).length === 0) return [gw, [] as readonly Workload[]];
        const key = `${scoped ? gw.namespace : ''}\u0000${selectorText(gw.selector)}`;
        let pods = bySelector.get(key);
        if (!pods) {
          pods = (scoped ? [gw.namespace] : namespaces).flatMap((ns) => idx.workloadsMatching(ns, gw.selector));
          bySelector.set(key, pods);
        }
        return [gw, pods];
      }),
    );
  });
  return all.get(gateway) ?? [];
}

/**
 * True for a pod template made to run an Istio gateway: the injector's `gateway` template (the gateway chart,
 * Istio's documented manual deployments) or a hand-written proxy started as a router.
 */
export function isGatewayWorkload(workload: Workload): boolean {
  const templates = workload.podAnnotations['inject.istio.io/templates'] ?? '';
  if (templates.split(',').some((t) => t.trim() === 'gateway')) return true;
  const containers: unknown[] = Array.isArray(workload.podSpec.containers) ? workload.podSpec.containers : [];
  return containers.filter(isRecord).some((c) => c.name === 'istio-proxy' && Array.isArray(c.args) && c.args.includes('router'));
}

/** True when the input deploys some gateway pods, so a Gateway that selects none is a mistake, not a partial input. */
export function inputHasGatewayPods(index: ObjectIndex): boolean {
  return index.derived('gateways.anyPods', (idx) => idx.workloads.some(isGatewayWorkload));
}
