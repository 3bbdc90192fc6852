import { describeObject } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayPods, type IndexedGateway, istioGateways, selectorText } from './istio-gateways';

const MAX_NAMED = 5;

export const conflictingGateways: Rule = {
  code: 'IST0145',
  level: 'error',
  title: 'Gateways claim the same host and port',
  explanation:
    'two Istio Gateways on the same gateway pods (same selector, or selectors matching a common pod) have servers on the same port with the same host and bind, so only one of them is used',
  fix: 'merge the servers into one Gateway, or give them different hosts or ports',
  check(index) {
    const claims = claimsByKey(index);
    const out: Finding[] = [];
    for (const gw of istioGateways(index)) {
      for (const server of gw.servers) {
        const port = server.port;
        if (port === undefined) continue;
        const lists = targets(index, gw).flatMap((target) =>
          server.hosts.map((host) => claims.get(claimKey(target, port, server.bind, host)) ?? []),
        );
        const others = othersIn(lists, gw);
        if (others.count === 0) continue;
        const more = others.count > others.shown.length ? ` and ${others.count - others.shown.length} more` : '';
        out.push(
          finding(
            this,
            `${describeObject(gw.entry.object)}: ${server.label} (port ${server.port}, hosts ${server.hosts.join(',')}) conflicts with ` +
              `Gateway(s) ${others.shown.map(key).join(', ')}${more} on the same pods (${selectorText(gw.selector)}); ` +
              'merge the servers into one Gateway, or use different hosts or ports',
            gw.entry,
            ...others.shown.map((o) => o.entry),
          ),
        );
      }
    }
    return out;
  },
};

/**
 * The Gateways other than `self` in the claim lists: how many, and the first few in input order. Many Gateways on
 * one host would make every finding name all the others, and the usual single list needs no set to count.
 */
function othersIn(lists: readonly (readonly IndexedGateway[])[], self: IndexedGateway): { count: number; shown: IndexedGateway[] } {
  if (lists.length === 1) {
    // The list holds `self`: its own server made the key.
    const shown: IndexedGateway[] = [];
    for (const g of lists[0]) {
      if (shown.length === MAX_NAMED) break;
      if (g !== self) shown.push(g);
    }
    return { count: lists[0].length - 1, shown };
  }
  const all = new Set(lists.flat());
  all.delete(self);
  return { count: all.size, shown: [...all].slice(0, MAX_NAMED) };
}

/** host+port+bind per gateway target -> the Gateways whose servers claim it. */
function claimsByKey(index: ObjectIndex): Map<string, IndexedGateway[]> {
  const claims = new Map<string, IndexedGateway[]>();
  for (const gw of istioGateways(index)) {
    for (const target of targets(index, gw)) {
      for (const server of gw.servers) {
        if (server.port === undefined) continue;
        for (const host of server.hosts) {
          const key = claimKey(target, server.port, server.bind, host);
          const list = claims.get(key) ?? [];
          // A Gateway's claims are added together, so a repeat of it is always the last one.
          if (list[list.length - 1] !== gw) list.push(gw);
          claims.set(key, list);
        }
      }
    }
  }
  return claims;
}

/**
 * What a Gateway configures: each gateway pod it selects, so Gateways with different selectors meet on a shared pod;
 * its selector text when it selects no pod of the input, so equal selectors still meet. A Gateway without selector
 * is left out (Istio's check skips it too).
 */
function targets(index: ObjectIndex, gw: IndexedGateway): string[] {
  if (Object.keys(gw.selector).length === 0) return [];
  const pods = gatewayPods(index, gw);
  if (pods.length === 0) return [`selector\u0000${selectorText(gw.selector)}`];
  return pods.map((p) => `pod\u0000${p.namespace}\u0000${p.object.kind}\u0000${p.object.metadata.name ?? ''}`);
}

function key(gw: IndexedGateway): string {
  return `${gw.namespace}/${gw.name}`;
}

function claimKey(target: string, port: number, bind: string, host: string): string {
  return `${target}\u0000${port}\u0000${bind}\u0000${host}`;
}
