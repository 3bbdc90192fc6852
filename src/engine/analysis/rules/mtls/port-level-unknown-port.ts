import { describeObject } from '../../../k8s/object';
import { peerAuthentications } from '../../mtls';
import { type Finding, finding, type Rule } from '../../rule';

export const portLevelUnknownPort: Rule = {
  code: 'CDK8SI012',
  level: 'warning',
  title: 'port-level mTLS that applies to nothing',
  explanation:
    'a PeerAuthentication sets port-level mTLS without a workload selector (ignored), or for a port no selected container declares',
  fix: 'add a selector, and key portLevelMtls by a containerPort (target port, not Service port) of the selected workloads',
  check(index) {
    const out: Finding[] = [];
    for (const pa of peerAuthentications(index)) {
      if (pa.portLevel.size === 0) continue;
      if (pa.scope !== 'workload') {
        out.push(
          finding(
            this,
            `${describeObject(pa.entry.object)} sets port-level mTLS but has no workload selector, so Istio ` +
              'ignores the port-level settings; add a selector or move them to a workload-level policy',
            pa.entry,
          ),
        );
        continue;
      }
      if (pa.namespace === index.rootNamespace) continue; // IST0127 reports it: Istio ignores it
      const workloads = index.workloadsMatching(pa.namespace, pa.selector);
      if (workloads.length === 0) continue; // IST0127 reports it
      const declared = new Set(workloads.flatMap((w) => w.containers.flatMap((c) => c.ports.map((p) => p.containerPort))));
      const unknown = [...pa.portLevel.keys()].filter((p) => !declared.has(p));
      if (unknown.length === 0) continue;
      out.push(
        finding(
          this,
          `${describeObject(pa.entry.object)} sets mTLS for port(s) ${unknown.join(', ')}, which no selected ` +
            `workload declares as a containerPort (declared: ${[...declared].sort((a, b) => a - b).join(', ') || 'none'}); ` +
            'port-level keys are container (target) ports, not Service ports',
          pa.entry,
        ),
      );
    }
    return out;
  },
};
