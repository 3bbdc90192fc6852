import { hostsOverlap } from '../../../../model/traffic/gateway';
import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayReferences, istioGateway, type IndexedGateway } from './istio-gateways';

export const virtualServiceHostNotInGateway: Rule = {
  code: 'IST0132',
  level: 'warning',
  title: 'VirtualService hosts not served by its Gateway',
  explanation:
    "a VirtualService bound to an Istio Gateway of the input has no host that a server of that Gateway accepts for the VirtualService's namespace, so the gateway never uses its routes",
  fix: "add one of the VirtualService's hosts to a server of the Gateway (as 'host', '*/host' or '<namespace>/host'), or correct the VirtualService's hosts",
  check(index) {
    const out: Finding[] = [];
    for (const entry of index.byKind('VirtualService', 'networking.istio.io')) {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const hosts = (Array.isArray(spec.hosts) ? spec.hosts : []).map(String);
      if (hosts.length === 0) continue;
      const namespace = entry.object.metadata.namespace ?? 'default';
      for (const ref of gatewayReferences(entry)) {
        const gateway = istioGateway(index, ref.namespace, ref.name);
        // A Gateway missing from the input is IST0101's finding, or lives in another repository.
        if (!gateway) continue;
        const accepted = hostsFor(gateway, namespace);
        if (hosts.some((h) => accepted.some((g) => hostsOverlap(g, h)))) continue;
        out.push(
          finding(
            this,
            `${describeObject(entry.object)} is bound to Gateway ${gateway.namespace}/${gateway.name}, but none of its hosts ` +
              `(${hosts.join(', ')}) is a host that Gateway accepts from namespace '${namespace}' (${accepted.join(', ') || 'none'}); ` +
              "add one of the hosts to a server of the Gateway, or correct the VirtualService's hosts",
            entry,
            gateway.entry,
          ),
        );
      }
    }
    return out;
  },
};

/**
 * The server hosts of a Gateway that VirtualServices of `namespace` may bind, as Istio reads them: a host without
 * namespace or with namespace `*` for every namespace, `./host` for the Gateway's own namespace, `ns/host` for `ns`.
 */
function hostsFor(gateway: IndexedGateway, namespace: string): string[] {
  return gateway.servers.flatMap((s) =>
    s.hosts.flatMap((h) => {
      const slash = h.indexOf('/');
      if (slash < 0) return [h];
      const ns = h.slice(0, slash);
      const admitted = ns === '*' || ns === namespace || (ns === '.' && gateway.namespace === namespace);
      return admitted ? [h.slice(slash + 1)] : [];
    }),
  );
}
