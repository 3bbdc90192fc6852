import { describeObject } from '../../../k8s/object';
import { type ObjectIndex, type Workload } from '../../index-objects';
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
    const groups = podGroups(index);
    const claims = claimsByKey(index, groups);
    const order = new Map(istioGateways(index).map((gw, i) => [gw, i]));
    const out: Finding[] = [];
    for (const gw of istioGateways(index)) {
      const group = groups.get(gw);
      if (!group) continue;
      for (const server of gw.servers) {
        const port = server.port;
        if (port === undefined) continue;
        const lists = group.meets.flatMap((g) => server.hosts.map((host) => claims.get(claimKey(g, port, server.bind, host)) ?? []));
        const others = othersIn(lists, gw, order);
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
 * Gateways that configure the same gateway pods: one group per set of pods a selector matches (or, when it matches
 * no pod of the input, per selector text, so equal selectors still meet). Claims are keyed by group, not by pod:
 * keying by pod made the claims grow with Gateways times pods.
 */
interface PodGroup {
  readonly id: number;
  /** The groups sharing a gateway pod with this one, itself included. */
  readonly meets: PodGroup[];
}

/** The group of every Gateway with a selector (Istio's check skips Gateways without one). */
function podGroups(index: ObjectIndex): Map<IndexedGateway, PodGroup> {
  // gatewayPods returns one array per selector, so the array itself keys its group; a copy would only cost a group.
  const byKey = new Map<unknown, PodGroup>();
  const byPod = new Map<Workload, PodGroup[]>();
  const out = new Map<IndexedGateway, PodGroup>();
  for (const gw of istioGateways(index)) {
    if (Object.keys(gw.selector).length === 0) continue;
    const pods = gatewayPods(index, gw);
    const groupKey = pods.length === 0 ? `selector\u0000${selectorText(gw.selector)}` : pods;
    let group = byKey.get(groupKey);
    if (!group) {
      group = { id: byKey.size, meets: [] };
      byKey.set(groupKey, group);
      for (const pod of pods) {
        const list = byPod.get(pod) ?? [];
        list.push(group);
        byPod.set(pod, list);
      }
    }
    out.set(gw, group);
  }
  for (const [groupKey, group] of byKey) {
    const meets = new Set(typeof groupKey === 'string' ? [group] : (groupKey as readonly Workload[]).flatMap((p) => byPod.get(p) ?? []));
    group.meets.push(...meets);
  }
  return out;
}

/**
 * The Gateways other than `self` in the claim lists: how many, and the first few in input order. A Gateway is in
 * several lists when several hosts or groups meet it; lists can be long (many Gateways on one host), so only the
 * longest is taken whole and the others are checked against it, which keeps the rule linear.
 */
function othersIn(
  lists: readonly (readonly IndexedGateway[])[],
  self: IndexedGateway,
  order: ReadonlyMap<IndexedGateway, number>,
): { count: number; shown: IndexedGateway[] } {
  const longest = lists.reduce((a, b) => (b.length > a.length ? b : a), []);
  const firstOthers: IndexedGateway[] = [];
  for (const g of longest) {
    if (firstOthers.length === MAX_NAMED) break;
    if (g !== self) firstOthers.push(g);
  }
  const inLongest = memberSet(longest);
  const extra = new Set<IndexedGateway>();
  if (lists.length > 1) {
    for (const list of lists) if (list !== longest) for (const g of list) if (g !== self && !inLongest.has(g)) extra.add(g);
  }
  // Every list holds `self` when its own server made the key.
  const count = longest.length - (inLongest.has(self) ? 1 : 0) + extra.size;
  const shown = extra.size === 0 ? firstOthers : [...firstOthers, ...extra].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { count, shown: shown.slice(0, MAX_NAMED) };
}

const memberSets = new WeakMap<readonly IndexedGateway[], ReadonlySet<IndexedGateway>>();

function memberSet(list: readonly IndexedGateway[]): ReadonlySet<IndexedGateway> {
  let set = memberSets.get(list);
  if (!set) memberSets.set(list, (set = new Set(list)));
  return set;
}

/** host+port+bind per group -> the Gateways whose servers claim it, in input order. */
function claimsByKey(index: ObjectIndex, groups: ReadonlyMap<IndexedGateway, PodGroup>): Map<string, IndexedGateway[]> {
  const claims = new Map<string, IndexedGateway[]>();
  for (const gw of istioGateways(index)) {
    const group = groups.get(gw);
    if (!group) continue;
    for (const server of gw.servers) {
      if (server.port === undefined) continue;
      for (const host of server.hosts) {
        const claimed = claimKey(group, server.port, server.bind, host);
        const list = claims.get(claimed) ?? [];
        // A Gateway's claims are added together, so a repeat of it is always the last one.
        if (list[list.length - 1] !== gw) list.push(gw);
        claims.set(claimed, list);
      }
    }
  }
  return claims;
}

function key(gw: IndexedGateway): string {
  return `${gw.namespace}/${gw.name}`;
}

function claimKey(group: PodGroup, port: number, bind: string, host: string): string {
  return `${group.id}\u0000${port}\u0000${bind}\u0000${host}`;
}
