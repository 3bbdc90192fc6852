import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { destinationRules, fullHost, routeDestinations } from './objects';

export const routeSubsetMissing: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'route to an undefined subset',
  explanation: 'a VirtualService routes to a subset that no DestinationRule of that host defines, so requests fail (503, no route)',
  fix: "define the subset in the host's DestinationRule, or correct the subset name",
  check(index) {
    const subsets = new Map<string, Set<string>>();
    let wildcardRules = false;
    for (const dr of destinationRules(index)) {
      if (dr.host.startsWith('*')) wildcardRules = true;
      const host = fullHost(dr.host, dr.namespace);
      const names = subsets.get(host) ?? new Set<string>();
      for (const s of dr.subsets) names.add(s.name);
      subsets.set(host, names);
    }
    // A wildcard DestinationRule may define the subset for many hosts: too vague to judge.
    if (wildcardRules) return [];
    const out: Finding[] = [];
    for (const { entry, namespace, destination: d, label } of routeDestinations(index)) {
      if (!d.subset || subsets.get(fullHost(d.host, namespace))?.has(d.subset)) continue;
      out.push(
        finding(
          this,
          `${describeObject(entry.object)}: ${label} routes to subset '${d.subset}' of host '${d.host}', ` +
            "which no DestinationRule in the input defines; add the subset to the host's DestinationRule or correct the name",
          entry,
        ),
      );
    }
    return out;
  },
};
