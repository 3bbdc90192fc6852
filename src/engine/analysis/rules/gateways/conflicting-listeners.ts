import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { type IndexedK8sGateway, k8sGateways, type Listener } from './gateway-api';

export const conflictingListeners: Rule = {
  code: 'CDK8SI053',
  level: 'error',
  title: 'Gateway API listeners claim the same host and port',
  explanation:
    'two listeners of one Gateway API Gateway, or of Gateways sharing a deployment (the same Hostname address), use the same port and hostname, so the gateway marks them Conflicted and serves neither as written',
  fix: 'give the listeners different hostnames or ports, or merge them into one listener',
  check(index) {
    const claims = new Map<string, { gw: IndexedK8sGateway; listener: Listener }[]>();
    for (const gw of k8sGateways(index)) {
      for (const listener of gw.listeners) {
        if (listener.port === undefined) continue;
        const key = `${deploymentOf(gw)}\u0000${listener.port}\u0000${listener.hostname ?? '*'}`;
        const list = claims.get(key) ?? [];
        list.push({ gw, listener });
        claims.set(key, list);
      }
    }
    const out: Finding[] = [];
    for (const claimants of claims.values()) {
      if (claimants.length < 2) continue;
      const [first, ...rest] = claimants;
      const { port, hostname } = first.listener;
      const names = claimants.map(({ gw, listener }) => `'${listener.name}' of ${describeObject(gw.entry.object)}`).join(', ');
      out.push(
        finding(
          this,
          `listeners ${names} all claim port ${port} for ${hostname ? `hostname ${hostname}` : 'every hostname'}; ` +
            'give them different hostnames or ports, or merge them into one listener',
          first.gw.entry,
          ...new Set(rest.map((c) => c.gw.entry).filter((e) => e !== first.gw.entry)),
        ),
      );
    }
    return out;
  },
};

/** The gateway deployment a Gateway configures: the Service its Hostname address names, else its own. */
function deploymentOf(gw: IndexedK8sGateway): string {
  return gw.hostnameAddresses.length > 0 ? `address\u0000${gw.hostnameAddresses[0]}` : `gateway\u0000${gw.namespace}/${gw.name}`;
}
