import { describeObject, isRecord } from '../../../k8s/object';
import { type ObjectIndex, matches, type Workload } from '../../index-objects';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { stringMap } from '../../workloads';
import { gatewayPods, istioGateways, selectorText } from './istio-gateways';

export const gatewayPortNotOnService: Rule = {
  code: 'IST0162',
  level: 'warning',
  title: 'Gateway port not exposed by its Service',
  explanation:
    "an Istio Gateway server listens on a port that is neither a port nor a targetPort of the TCP ports of the Services selecting the gateway's pods, so clients cannot reach it through the Service",
  fix: "listen on one of the Service's target ports, or add the port to the gateway's Service (the gateway chart's service.ports)",
  check(index) {
    const out: Finding[] = [];
    for (const gw of istioGateways(index)) {
      const pods = gatewayPods(index, gw);
      if (pods.length === 0) continue;
      const { ports, services } = exposedPorts(index, pods);
      for (const server of gw.servers) {
        if (server.port === undefined || ports.has(server.port)) continue;
        const exposed = [...ports].sort((a, b) => a - b).join(', ') || 'no TCP ports';
        out.push(
          finding(
            this,
            `${describeObject(gw.entry.object)}: ${server.label} listens on port ${server.port}, but the Services of its pods ` +
              `(${selectorText(gw.selector)}) expose ${exposed} as port or targetPort; listen on one of those, ` +
              "or add the port to the gateway's Service (the gateway chart's service.ports)",
            gw.entry,
            ...services,
          ),
        );
      }
    }
    return out;
  },
};

/**
 * Service ports and numeric target ports (TCP) of every Service that selects one of the pods, as Istio compares them.
 * Computed once per pod list: Gateways with one selector share theirs (gatewayPods), and each may hold many pods.
 */
function exposedPorts(index: ObjectIndex, pods: readonly Workload[]): { ports: Set<number>; services: SourcedObject[] } {
  const cache = index.derived(
    'gateways.exposedPorts',
    () => new Map<readonly Workload[], { ports: Set<number>; services: SourcedObject[] }>(),
  );
  const cached = cache.get(pods);
  if (cached) return cached;
  const ports = new Set<number>();
  const services = new Set<SourcedObject>();
  for (const pod of pods) {
    for (const { service, ports: servicePorts } of selectingServices(index, pod)) {
      services.add(service);
      for (const p of servicePorts) ports.add(p);
    }
  }
  const result = { ports, services: [...services] };
  cache.set(pods, result);
  return result;
}

interface ServicePorts {
  readonly service: SourcedObject;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
  /** Input order, to name the Services in it. */
  readonly position: number;
}

/**
 * The Services (with their TCP ports) that select one pod. Services are bucketed by namespace and the first pair
 * of their selector, so a pod meets only the Services one of its labels could match, not every Service of its
 * namespace.
 */
function selectingServices(index: ObjectIndex, pod: Workload): readonly ServicePorts[] {
  const byPair = index.derived('gateways.servicesByPair', (idx) => {
    const map = new Map<string, ServicePorts[]>();
    idx.byKind('Service', '').forEach((service, position) => {
      const spec = isRecord(service.object.spec) ? service.object.spec : {};
      const selector = stringMap(spec.selector);
      const first = Object.entries(selector)[0];
      if (!first) return;
      const key = pairKey(service.object.metadata.namespace ?? 'default', first[0], first[1]);
      const bucket = map.get(key) ?? [];
      bucket.push({ service, selector, ports: tcpPorts(spec.ports), position });
      map.set(key, bucket);
    });
    return map;
  });
  return Object.entries(pod.podLabels)
    .flatMap(([k, v]) => byPair.get(pairKey(pod.namespace, k, v)) ?? [])
    .filter((s) => matches(s.selector, pod.podLabels))
    .sort((a, b) => a.position - b.position);
}

/** Ports and numeric target ports of the TCP ports of a Service spec. */
function tcpPorts(raw: unknown): number[] {
  const out: number[] = [];
  for (const p of (Array.isArray(raw) ? raw : []).filter(isRecord)) {
    if ((p.protocol ?? 'TCP') !== 'TCP') continue;
    out.push(Number(p.port));
    // A numeric string counts as a number, as Kubernetes' IntOrString reads it.
    const target = Number(p.targetPort);
    if (Number.isInteger(target) && target > 0) out.push(target);
  }
  return out;
}

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}
