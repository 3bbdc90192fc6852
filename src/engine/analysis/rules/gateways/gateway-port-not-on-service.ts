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

/** Service ports and numeric target ports (TCP) of every Service that selects one of the pods, as Istio compares them. */
function exposedPorts(index: ObjectIndex, pods: readonly Workload[]): { ports: Set<number>; services: SourcedObject[] } {
  const ports = new Set<number>();
  const services = new Set<SourcedObject>();
  for (const pod of pods) {
    const exposed = podPorts(index, pod);
    for (const p of exposed.ports) ports.add(p);
    for (const s of exposed.services) services.add(s);
  }
  return { ports, services: [...services] };
}

/** What the Services selecting one pod expose; computed once per pod, as many Gateways share their pods. */
function podPorts(index: ObjectIndex, pod: Workload): { ports: number[]; services: SourcedObject[] } {
  const cache = index.derived('gateways.podPorts', () => new Map<Workload, { ports: number[]; services: SourcedObject[] }>());
  const cached = cache.get(pod);
  if (cached) return cached;
  const result = { ports: [] as number[], services: [] as SourcedObject[] };
  for (const service of index.inNamespace(pod.namespace, 'Service')) {
    const spec = isRecord(service.object.spec) ? service.object.spec : {};
    const selector = stringMap(spec.selector);
    if (Object.keys(selector).length === 0 || !matches(selector, pod.podLabels)) continue;
    result.services.push(service);
    for (const p of (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord)) {
      if ((p.protocol ?? 'TCP') !== 'TCP') continue;
      result.ports.push(Number(p.port));
      // A numeric string counts as a number, as Kubernetes' IntOrString reads it.
      const target = Number(p.targetPort);
      if (Number.isInteger(target) && target > 0) result.ports.push(target);
    }
  }
  cache.set(pod, result);
  return result;
}
