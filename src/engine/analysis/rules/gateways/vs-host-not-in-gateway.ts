import { gatewayServesHosts } from '../../../../model/traffic/gateway';
import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayReferences, istioGateway } from './istio-gateways';

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
        const serverHosts = gateway.servers.flatMap((s) => s.hosts);
        const { served, offered: accepted } = gatewayServesHosts(hosts, serverHosts, gateway.namespace, namespace);
        if (served) continue;
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
