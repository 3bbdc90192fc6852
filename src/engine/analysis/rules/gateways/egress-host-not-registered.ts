import { describeObject, isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { EXTERNAL_HOSTS_ANNOTATION, parseExternalHosts } from '../../../../model/external-hosts';
import { finding, type Finding, type Rule, type SourcedObject } from '../../rule';
import { outboundMode } from './outbound-policy';

export const egressHostNotRegistered: Rule = {
  code: 'CDK8SI054',
  level: 'error',
  title: 'external host blocked by REGISTRY_ONLY',
  explanation: `a workload declares an external host (${EXTERNAL_HOSTS_ANNOTATION}) that no ServiceEntry visible to it covers, while its outbound traffic policy is REGISTRY_ONLY, so its requests there are refused (502)`,
  fix: 'add a ServiceEntry for the host (wildcards such as *.example.com count), or allow the workload ALLOW_ANY',
  check(index) {
    const out: Finding[] = [];
    for (const workload of index.workloads) {
      const declared = parseExternalHosts(workload.podAnnotations[EXTERNAL_HOSTS_ANNOTATION] ?? '').map((h) => h.toLowerCase());
      if (declared.length === 0 || outboundMode(index, workload) !== 'REGISTRY_ONLY') continue;
      for (const host of declared) {
        if (covered(index, host, workload.namespace) || index.servicesForHost(host, workload.namespace).length > 0) continue;
        out.push(
          finding(
            this,
            `${describeObject(workload.object)} calls external host ${host} (${EXTERNAL_HOSTS_ANNOTATION}), but its outbound traffic policy is REGISTRY_ONLY ` +
              `and no ServiceEntry visible in namespace ${workload.namespace} covers it; add a ServiceEntry for ${host}`,
            workload,
          ),
        );
      }
    }
    return out;
  },
};

/** ServiceEntries by lower-cased host, exact or wildcard. */
function serviceEntryHosts(index: ObjectIndex): Map<string, SourcedObject[]> {
  return index.derived('gateways.serviceEntryHosts', (idx) => {
    const byHost = new Map<string, SourcedObject[]>();
    for (const entry of idx.byKind('ServiceEntry', 'networking.istio.io')) {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      for (const host of Array.isArray(spec.hosts) ? spec.hosts.map((h) => String(h).toLowerCase()) : []) {
        const list = byHost.get(host) ?? [];
        list.push(entry);
        byHost.set(host, list);
      }
    }
    return byHost;
  });
}

/**
 * True when a ServiceEntry visible from `namespace` covers `host`: the same host, or a wildcard whose suffix it
 * ends with (Istio's `*.example.com` matches names at any depth below example.com), or `*`.
 */
function covered(index: ObjectIndex, host: string, namespace: string): boolean {
  const byHost = serviceEntryHosts(index);
  const labels = host.split('.');
  const candidates = [host, '*', ...labels.slice(1).map((_, i) => `*.${labels.slice(i + 1).join('.')}`)];
  return candidates.some((c) => (byHost.get(c) ?? []).some((entry) => visibleFrom(entry, namespace)));
}

/** ServiceEntry `exportTo`: absent or `*` everywhere, `.` its own namespace, else the namespaces listed. */
function visibleFrom(entry: SourcedObject, namespace: string): boolean {
  const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
  if (!Array.isArray(spec.exportTo) || spec.exportTo.length === 0) return true;
  const own = entry.object.metadata.namespace ?? 'default';
  return spec.exportTo.some((to) => to === '*' || to === namespace || (to === '.' && own === namespace));
}
